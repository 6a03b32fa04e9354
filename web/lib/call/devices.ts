/** Device selection shared by the call clients and the pre-call check. */
import type { CallDevices } from './types';

export interface DeviceChoice {
  audioInputId?: string;
  videoInputId?: string;
}

/** An exact device when one was chosen (a wrong one must fail, not silently fall back). */
export const audioConstraints = (choice: DeviceChoice): MediaTrackConstraints | boolean =>
  choice.audioInputId
    ? { deviceId: { exact: choice.audioInputId }, echoCancellation: true, noiseSuppression: true }
    : { echoCancellation: true, noiseSuppression: true };

/** 640×480 is plenty for a face on a tablet and keeps a rural uplink usable. */
export const videoConstraints = (choice: DeviceChoice): MediaTrackConstraints => ({
  ...(choice.videoInputId ? { deviceId: { exact: choice.videoInputId } } : {}),
  width: { ideal: 640 },
  height: { ideal: 480 },
  frameRate: { ideal: 24, max: 30 },
});

export const listCallDevices = async (
  media: Pick<MediaDevices, 'enumerateDevices'> = navigator.mediaDevices,
): Promise<CallDevices> => {
  const all = await media.enumerateDevices();
  return {
    audioInputs: all.filter((d) => d.kind === 'audioinput'),
    videoInputs: all.filter((d) => d.kind === 'videoinput'),
  };
};

/**
 * Why a camera or microphone could not start, in words a patient or an MA can act on. Safari on
 * an iPad is the common case: a denied permission is fixed in Settings, not in the page.
 */
export const mediaErrorReason = (error: unknown): string => {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Access was blocked. Allow the camera and microphone for this site in the browser settings (on an iPad: Settings → Safari → Camera / Microphone), then try again.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'None found on this device (or the chosen one was unplugged).';
    case 'NotReadableError':
    case 'AbortError':
      return 'Another app is using it. Close that app, then try again.';
    default:
      return 'It could not be started.';
  }
};
