import { useEffect, useRef, useState } from 'react';
import { listCallDevices, type DeviceChoice } from './devices';
import { checkConnectivity, checkDevice, type CheckResult } from './readiness';
import type { CallDevices } from './types';
import { useConfig } from '../config';

type Check = { state: 'checking' } | CheckResult;

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
  const [devices, setDevices] = useState<CallDevices>({ audioInputs: [], videoInputs: [] });
  const [camera, setCamera] = useState<Check>({ state: 'checking' });
  const [microphone, setMicrophone] = useState<Check>({ state: 'checking' });
  const [network, setNetwork] = useState<Check>({ state: 'checking' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    const streams: MediaStream[] = [];
    // All three at once: every second before the call counts.
    void checkConnectivity(apiUrl).then((reachable) => {
      if (!cancelled) setNetwork(reachable);
    });
    void (async () => {
      const [camera, microphone] = await Promise.all([
        checkDevice('camera', choice),
        checkDevice('microphone', choice),
      ]);
      const opened = [camera.stream, microphone.stream].filter((m) => m !== undefined);
      // Checks that finished after the screen moved on (to the call) release their devices at once.
      if (cancelled) return opened.forEach((m) => m.getTracks().forEach((t) => t.stop()));
      streams.push(...opened);
      setCamera(camera.result);
      setMicrophone(microphone.result);
      if (camera.stream && preview.current) preview.current.srcObject = camera.stream;
      // Labels are only filled in once permission was granted.
      const found = await listCallDevices().catch(() => undefined);
      if (found && !cancelled) setDevices(found);
    })();
    // The preview's stream is released before the call client opens its own.
    return () => {
      cancelled = true;
      for (const stream of streams) for (const track of stream.getTracks()) track.stop();
    };
  }, [apiUrl, choice, attempt]);

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
          devices={devices.videoInputs}
          value={choice.videoInputId}
          onChange={(videoInputId) => recheck((c) => ({ ...c, videoInputId }))}
        />
        <DeviceSelect
          label="Microphone"
          devices={devices.audioInputs}
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
