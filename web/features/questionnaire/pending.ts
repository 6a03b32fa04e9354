import { ScreeningSubmit } from '@lib/contracts';

/**
 * A submission that could not be sent (no network, or the staff sign-in ended) is kept in
 * sessionStorage until it is sent — never longer: it is removed on success, on "end patient mode",
 * and by sign-out, and sessionStorage itself ends with the tab.
 */
const key = (clinicId: string, patientId: string) =>
  `bh.pending-screening:${clinicId}:${patientId}`;

export function savePending(clinicId: string, patientId: string, body: ScreeningSubmit): void {
  try {
    window.sessionStorage.setItem(key(clinicId, patientId), JSON.stringify(body));
  } catch {
    // Storage unavailable: the answers are still in memory while this page stays open.
  }
}

export function loadPending(clinicId: string, patientId: string): ScreeningSubmit | null {
  try {
    const raw = window.sessionStorage.getItem(key(clinicId, patientId));
    if (!raw) return null;
    const parsed = ScreeningSubmit.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function clearPending(clinicId: string, patientId: string): void {
  try {
    window.sessionStorage.removeItem(key(clinicId, patientId));
  } catch {
    // ignore
  }
}
