/**
 * The pre-call check on the tablet: camera, microphone (each with the chosen device) and the
 * connection, each answered ok or failed with a reason a patient or an MA can act on.
 */
import type { CallJoin } from '../contracts';
import { audioConstraints, mediaErrorReason, videoConstraints, type DeviceChoice } from './devices';

export type CheckResult = { state: 'ok'; detail?: string } | { state: 'failed'; reason: string };

export interface DeviceCheck {
  result: CheckResult;
  /** The opened stream (a camera preview); the caller stops it before the call starts. */
  stream?: MediaStream;
}

const NO_MEDIA =
  'This browser cannot use a camera or microphone here (the page must be opened over https).';

export const checkDevice = async (
  kind: 'camera' | 'microphone',
  choice: DeviceChoice,
  media: MediaDevices | undefined = navigator.mediaDevices,
): Promise<DeviceCheck> => {
  if (!media?.getUserMedia) return { result: { state: 'failed', reason: NO_MEDIA } };
  try {
    const stream = await media.getUserMedia(
      kind === 'camera' ? { video: videoConstraints(choice) } : { audio: audioConstraints(choice) },
    );
    const track = stream.getTracks()[0];
    // A track that is already ended (unplugged, taken by another app) is not a working device.
    if (!track || track.readyState === 'ended') {
      stream.getTracks().forEach((t) => t.stop());
      return {
        result: {
          state: 'failed',
          reason: mediaErrorReason(new DOMException('', 'NotReadableError')),
        },
      };
    }
    return { result: { state: 'ok', ...(track.label ? { detail: track.label } : {}) }, stream };
  } catch (error) {
    return { result: { state: 'failed', reason: mediaErrorReason(error) } };
  }
};

/** Above this round trip the call will likely need audio only: the screen says so up front. */
export const SLOW_ROUND_TRIP_MS = 1_500;

/** One round trip to the API (its public /openapi.json), timed; no credentials needed. */
export const checkConnectivity = async (
  apiUrl: string,
  fetchImpl: typeof fetch = fetch,
  now: () => number = () => performance.now(),
): Promise<CheckResult & { roundTripMs?: number }> => {
  const started = now();
  try {
    const response = await fetchImpl(`${apiUrl.replace(/\/+$/, '')}/openapi.json`, {
      cache: 'no-store',
      signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer();
    const roundTripMs = Math.round(now() - started);
    if (!response.ok) return { state: 'failed', reason: 'The server did not answer properly.' };
    return roundTripMs > SLOW_ROUND_TRIP_MS
      ? {
          state: 'ok',
          roundTripMs,
          detail: `slow (${roundTripMs} ms): video may switch to audio only`,
        }
      : { state: 'ok', roundTripMs, detail: `${roundTripMs} ms` };
  } catch {
    return { state: 'failed', reason: 'No connection to the server. Check the Wi-Fi.' };
  }
};

/**
 * Chime only, optional: UDP then TCP to the meeting's media servers with the caller's own join
 * credentials (DefaultMeetingReadinessChecker). A firewall that blocks UDP still allows a call over
 * TCP, so only both failing is a failure. Loads the SDK, so call it on the call screen only.
 */
export const checkChimeMedia = async (join: CallJoin): Promise<CheckResult> => {
  if (join.provider !== 'chime') return { state: 'ok' };
  const { checkChimeNetwork } = await import('./chime-readiness');
  return checkChimeNetwork(join);
};
