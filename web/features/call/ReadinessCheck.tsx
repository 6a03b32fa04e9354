import { useEffect, useRef, useState } from 'react';
import { useConfig } from '@lib/config';
import type { DeviceChoice } from './useCallSession';

type Check =
  { state: 'checking' } | { state: 'ok'; detail?: string } | { state: 'failed'; reason: string };

interface Devices {
  audio: MediaDeviceInfo[];
  video: MediaDeviceInfo[];
}

/** Why the camera or microphone is unavailable, in words a patient or MA can act on. */
const mediaReason = (error: unknown): string => {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return 'Access was blocked. Allow the camera and microphone for this site in the browser settings (on an iPad: Settings → Safari → Camera / Microphone), then try again.';
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError')
    return 'None found on this device.';
  if (name === 'NotReadableError')
    return 'Another app is using it. Close that app, then try again.';
  return 'It could not be started.';
};

const CONNECTIVITY_SLOW_MS = 1_500;

async function checkConnectivity(apiUrl: string): Promise<Check> {
  const started = performance.now();
  try {
    const response = await fetch(`${apiUrl.replace(/\/+$/, '')}/openapi.json`, {
      cache: 'no-store',
    });
    await response.arrayBuffer();
    const ms = Math.round(performance.now() - started);
    if (!response.ok) return { state: 'failed', reason: 'The server did not answer properly.' };
    return ms > CONNECTIVITY_SLOW_MS
      ? { state: 'ok', detail: `slow (${ms} ms): video may switch to audio only` }
      : { state: 'ok', detail: `${ms} ms` };
  } catch {
    return { state: 'failed', reason: 'No connection to the server. Check the Wi-Fi.' };
  }
}

/**
 * The pre-call check: camera, microphone and connectivity, with device selection and a preview
 * of the chosen camera. The stream is released before the call client opens its own.
 */
export function ReadinessCheck({
  large,
  onJoin,
}: {
  /** The exam-room tablet: bigger type and buttons. */
  large: boolean;
  onJoin: (choice: DeviceChoice, options: { audioOnly: boolean }) => void;
}) {
  const { apiUrl } = useConfig();
  const preview = useRef<HTMLVideoElement>(null);
  const [choice, setChoice] = useState<DeviceChoice>({});
  const [devices, setDevices] = useState<Devices>({ audio: [], video: [] });
  const [camera, setCamera] = useState<Check>({ state: 'checking' });
  const [microphone, setMicrophone] = useState<Check>({ state: 'checking' });
  const [network, setNetwork] = useState<Check>({ state: 'checking' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    const streams: MediaStream[] = [];
    const open = async (constraints: MediaStreamConstraints, set: (c: Check) => void) => {
      try {
        const stream = await navigator.mediaDevices.getUserMedia(constraints);
        streams.push(stream);
        if (cancelled) return undefined;
        set({ state: 'ok' });
        return stream;
      } catch (error) {
        if (!cancelled) set({ state: 'failed', reason: mediaReason(error) });
        return undefined;
      }
    };
    void (async () => {
      if (!navigator.mediaDevices?.getUserMedia) {
        const reason = 'This browser cannot use a camera here (it needs a secure https page).';
        setCamera({ state: 'failed', reason });
        setMicrophone({ state: 'failed', reason });
      } else {
        const video = await open(
          { video: choice.videoInputId ? { deviceId: { exact: choice.videoInputId } } : true },
          setCamera,
        );
        await open(
          { audio: choice.audioInputId ? { deviceId: { exact: choice.audioInputId } } : true },
          setMicrophone,
        );
        if (video && preview.current && !cancelled) preview.current.srcObject = video;
        // Labels are only filled in once permission was granted.
        const all = await navigator.mediaDevices.enumerateDevices().catch(() => []);
        if (!cancelled) {
          setDevices({
            audio: all.filter((d) => d.kind === 'audioinput'),
            video: all.filter((d) => d.kind === 'videoinput'),
          });
        }
      }
      const reachable = await checkConnectivity(apiUrl);
      if (!cancelled) setNetwork(reachable);
    })();
    return () => {
      cancelled = true;
      for (const stream of streams) for (const track of stream.getTracks()) track.stop();
    };
  }, [apiUrl, choice.audioInputId, choice.videoInputId, attempt]);

  // A new device or a retry runs every check again.
  const recheck = (next: (c: DeviceChoice) => DeviceChoice) => {
    setCamera({ state: 'checking' });
    setMicrophone({ state: 'checking' });
    setNetwork({ state: 'checking' });
    setChoice(next);
    setAttempt((n) => n + 1);
  };
  const checking = [camera, microphone, network].some((c) => c.state === 'checking');
  const canJoin = !checking && microphone.state === 'ok' && network.state === 'ok';
  return (
    <section
      className={`card call-readiness${large ? ' call-large' : ''}`}
      aria-labelledby="readiness-heading"
    >
      <h2 id="readiness-heading">Before the call</h2>
      <div className="call-readiness-body">
        <video
          ref={preview}
          className="call-preview"
          autoPlay
          muted
          playsInline
          aria-label="Camera preview"
        />
        <ul className="call-checks" aria-label="Checks">
          <CheckLine label="Camera" check={camera} />
          <CheckLine label="Microphone" check={microphone} />
          <CheckLine label="Connection" check={network} />
        </ul>
      </div>
      <div className="form-grid">
        <DeviceSelect
          label="Camera"
          devices={devices.video}
          value={choice.videoInputId}
          onChange={(videoInputId) => recheck((c) => ({ ...c, videoInputId }))}
        />
        <DeviceSelect
          label="Microphone"
          devices={devices.audio}
          value={choice.audioInputId}
          onChange={(audioInputId) => recheck((c) => ({ ...c, audioInputId }))}
        />
      </div>
      <div className="actions">
        <button
          type="button"
          className="button button-primary button-large"
          disabled={!canJoin || camera.state !== 'ok'}
          onClick={() => onJoin(choice, { audioOnly: false })}
        >
          {large ? 'Start video' : 'Join the call'}
        </button>
        <button
          type="button"
          className="button button-large"
          disabled={!canJoin}
          onClick={() => onJoin(choice, { audioOnly: true })}
        >
          Join with audio only
        </button>
        {!checking && !canJoin && (
          <button type="button" className="button" onClick={() => recheck((c) => c)}>
            Check again
          </button>
        )}
      </div>
    </section>
  );
}

function CheckLine({ label, check }: { label: string; check: Check }) {
  return (
    <li className={`call-check call-check-${check.state}`}>
      <strong>{label}:</strong>{' '}
      {check.state === 'checking'
        ? 'checking…'
        : check.state === 'ok'
          ? `ready${check.detail ? ` (${check.detail})` : ''}`
          : check.reason}
    </li>
  );
}

function DeviceSelect({
  label,
  devices,
  value,
  onChange,
}: {
  label: string;
  devices: MediaDeviceInfo[];
  value: string | undefined;
  onChange: (deviceId: string | undefined) => void;
}) {
  if (devices.length < 2) return null;
  const id = `device-${label.toLowerCase()}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">Default</option>
        {devices.map((d, index) => (
          <option key={d.deviceId || index} value={d.deviceId}>
            {d.label || `${label} ${index + 1}`}
          </option>
        ))}
      </select>
    </div>
  );
}
