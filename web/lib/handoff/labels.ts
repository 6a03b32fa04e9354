import type { Handoff, HandoffOutcomeCode, HandoffStatus, HandoffUrgency } from '../contracts';

export const URGENCY_LABEL: Record<HandoffUrgency, string> = {
  routine: 'Routine (same day)',
  urgent: 'Urgent',
  safety: 'Safety concern',
};

export const STATUS_LABEL: Record<HandoffStatus, string> = {
  requested: 'Waiting for a behavioral care manager',
  accepted: 'Accepted: starting video',
  connected: 'On video',
  ended: 'Call ended',
  cancelled: 'Cancelled',
  fallback: 'Nobody could take it now',
};

export const OUTCOME_LABEL: Record<HandoffOutcomeCode, string> = {
  brief_intervention: 'Brief intervention',
  safety_plan: 'Safety plan',
  booked_follow_up: 'Booked follow-up',
  referral: 'Referral',
  no_further_action: 'No further action',
};

/** "4 min", "1 h 5 min" */
export const formatAge = (fromIso: string, now: number): string => {
  const minutes = Math.max(0, Math.floor((now - Date.parse(fromIso)) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
};

/** "just now", "4 min ago" */
export const formatAgo = (fromIso: string, now: number): string => {
  const age = formatAge(fromIso, now);
  return age === 'just now' ? age : `${age} ago`;
};

export const formatSeconds = (ms: number | undefined): string =>
  ms === undefined ? '—' : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

/**
 * The call's length in whole minutes, rounded up and kept within what the outcome accepts (1–240):
 * the proposed care-management minutes. From both sides on video (else accepted) to the end.
 */
export const proposedMinutes = (
  handoff: Pick<Handoff, 'connectedAt' | 'acceptedAt' | 'requestedAt' | 'endedAt'>,
  now: number,
): number => {
  const start = Date.parse(handoff.connectedAt ?? handoff.acceptedAt ?? handoff.requestedAt);
  const end = handoff.endedAt ? Date.parse(handoff.endedAt) : now;
  return Math.min(240, Math.max(1, Math.ceil((end - start) / 60_000)));
};
