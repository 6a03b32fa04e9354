/**
 * The paging alert's sound and system notification. No audio asset: a short two-tone beep from
 * Web Audio. Browsers only let a page make sound after a user gesture, so the context is created
 * (or resumed) by the console's buttons and reused by pages that arrive later.
 */
let audio: AudioContext | undefined;

/** Call from a click handler: unlocks sound for later pages. */
export const unlockSound = (): void => {
  try {
    audio ??= new AudioContext();
    void audio.resume();
  } catch {
    // No Web Audio (old browser): the banner and the notification still alert.
  }
};

export const beep = (): void => {
  if (!audio || audio.state !== 'running') return;
  const start = audio.currentTime;
  for (const [offset, frequency] of [
    [0, 880],
    [0.25, 660],
  ] as const) {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.3, start + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.2);
    osc.connect(gain).connect(audio.destination);
    osc.start(start + offset);
    osc.stop(start + offset + 0.22);
  }
};

export type NotifyPermission = NotificationPermission | 'unsupported';

export const notificationPermission = (): NotifyPermission =>
  typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;

/** Asked only from a button: a prompt on load is blocked by browsers and annoys people. */
export const askNotificationPermission = async (): Promise<NotifyPermission> =>
  typeof Notification === 'undefined' ? 'unsupported' : Notification.requestPermission();

/** A system notification; the text is the page's minimum-necessary summary only. */
export const notify = (title: string, body: string, tag: string): void => {
  if (notificationPermission() !== 'granted') return;
  try {
    const shown = new Notification(title, { body, tag, requireInteraction: true });
    shown.onclick = () => {
      window.focus();
      shown.close();
    };
  } catch {
    // Some mobile browsers only notify from a service worker: the in-app banner still shows.
  }
};
