import { useState } from 'react';
import { Link } from 'react-router';
import { useClinic } from '../clinic';
import type { ServerMessage } from '../contracts';
import { paths } from '../paths';
import { useServerMessage } from '../realtime';
import { formatClock } from '../time';

type SafetyAlert = Extract<ServerMessage, { type: 'safety.alert' }>;

/**
 * Two short tones: the alert must be noticed by a PCP who is not looking at the screen. A browser
 * that blocks audio before a user gesture still shows the banner, which carries the meaning.
 */
const chime = () => {
  try {
    const context = new AudioContext();
    void context.resume();
    [0, 0.35].forEach((offset) => {
      const tone = context.createOscillator();
      const gain = context.createGain();
      tone.frequency.value = 880;
      gain.gain.setValueAtTime(0.25, context.currentTime + offset);
      gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + offset + 0.3);
      tone.connect(gain).connect(context.destination);
      tone.start(context.currentTime + offset);
      tone.stop(context.currentTime + offset + 0.3);
    });
    window.setTimeout(() => void context.close(), 1500);
  } catch {
    // No audio on this device: the banner alone.
  }
};

/**
 * The real-time suicide-risk alert (issue #3) for the clinic being viewed: a banner with sound that
 * stays until a clinician dismisses it, linking to the result. Alerts for other clinics the user
 * belongs to are left for that clinic's screens.
 */
export function SafetyAlertBanner() {
  const { clinicId, timeZone } = useClinic();
  const [alerts, setAlerts] = useState<SafetyAlert[]>([]);
  useServerMessage('safety.alert', (alert) => {
    if (alert.clinicId !== clinicId) return;
    setAlerts((current) =>
      current.some((a) => a.screeningId === alert.screeningId) ? current : [alert, ...current],
    );
    chime();
  });
  if (alerts.length === 0) return null;
  const dismiss = (screeningId: string) =>
    setAlerts((current) => current.filter((a) => a.screeningId !== screeningId));
  return (
    <section className="page safety-alerts" aria-label="Safety alerts">
      {alerts.map((alert) => (
        <div key={alert.screeningId} className="notice notice-safety" role="alert">
          <p>
            <strong>Safety alert — {alert.patientLabel}</strong> (
            {formatClock(Date.parse(alert.at), timeZone)}): {alert.message}
          </p>
          <div className="actions">
            <Link
              className="button button-danger"
              to={paths.result(clinicId, alert.patientId, alert.screeningId)}
              onClick={() => dismiss(alert.screeningId)}
            >
              Open the result
            </Link>
            <button
              type="button"
              className="button button-small"
              onClick={() => dismiss(alert.screeningId)}
            >
              Dismiss
            </button>
          </div>
        </div>
      ))}
    </section>
  );
}
