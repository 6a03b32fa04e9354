/** Paging windows, the queue's order and the timing metrics of warm handoffs. */
import type {
  Handoff,
  HandoffMetrics,
  HandoffSettings,
  HandoffUrgency,
} from '../../contracts/handoff';

/** Safety requests wait the clinic's shorter window before falling back (and alerting the PCP). */
export const windowMinutesFor = (settings: HandoffSettings, urgency: HandoffUrgency): number =>
  urgency === 'safety' ? settings.safetyWindowMinutes : settings.windowMinutes;

export const expiresAtFor = (
  requestedAt: Date,
  settings: HandoffSettings,
  urgency: HandoffUrgency,
): string =>
  new Date(requestedAt.getTime() + windowMinutesFor(settings, urgency) * 60_000).toISOString();

/** The window has ended (the request falls back even if the sweep has not run yet). */
export const windowEnded = (handoff: Pick<Handoff, 'expiresAt'>, now: Date): boolean =>
  now.getTime() >= Date.parse(handoff.expiresAt);

const urgencyRank: Record<HandoffUrgency, number> = { safety: 0, urgent: 1, routine: 2 };

/** Safety, then urgent, then routine; within one urgency the longest waiting first. */
export const compareQueue = (
  a: Pick<Handoff, 'urgency' | 'requestedAt' | 'handoffId'>,
  b: Pick<Handoff, 'urgency' | 'requestedAt' | 'handoffId'>,
): number =>
  urgencyRank[a.urgency] - urgencyRank[b.urgency] ||
  Date.parse(a.requestedAt) - Date.parse(b.requestedAt) ||
  a.handoffId.localeCompare(b.handoffId);

export const sortQueue = <T extends Pick<Handoff, 'urgency' | 'requestedAt' | 'handoffId'>>(
  handoffs: readonly T[],
): T[] => [...handoffs].sort(compareQueue);

export const elapsedMs = (from: string, to: string): number =>
  Math.max(0, Date.parse(to) - Date.parse(from));

/** Lower median for an even count keeps the result one of the measured values (whole ms). */
export const median = (values: readonly number[]): number | undefined => {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[mid]
    : Math.round(((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2);
};

export const handoffMetrics = (
  clinicId: string,
  from: string,
  to: string,
  handoffs: readonly Handoff[],
): HandoffMetrics => {
  const accepts = handoffs.flatMap((h) =>
    h.timeToAcceptMs === undefined ? [] : [h.timeToAcceptMs],
  );
  const connects = handoffs.flatMap((h) =>
    h.timeToConnectMs === undefined ? [] : [h.timeToConnectMs],
  );
  const medianAccept = median(accepts);
  const medianConnect = median(connects);
  return {
    clinicId,
    from,
    to,
    requested: handoffs.length,
    accepted: handoffs.filter((h) => h.acceptedAt !== undefined).length,
    connected: handoffs.filter((h) => h.connectedAt !== undefined).length,
    fellBack: handoffs.filter((h) => h.status === 'fallback').length,
    cancelled: handoffs.filter((h) => h.status === 'cancelled').length,
    ...(medianAccept === undefined ? {} : { medianTimeToAcceptMs: medianAccept }),
    ...(medianConnect === undefined ? {} : { medianTimeToConnectMs: medianConnect }),
  };
};

/**
 * The care-management minutes a call proposes: from both sides on video (or the accept, if they
 * never both joined) to the end, rounded up to whole minutes, at least one.
 */
export const proposedMinutes = (
  handoff: Pick<Handoff, 'acceptedAt' | 'connectedAt' | 'endedAt'>,
): number => {
  const start = handoff.connectedAt ?? handoff.acceptedAt;
  if (start === undefined || handoff.endedAt === undefined) return 1;
  return Math.min(240, Math.max(1, Math.ceil(elapsedMs(start, handoff.endedAt) / 60_000)));
};

/** When the call began, for the activity's date (and so its billing month). */
export const callStartedAt = (
  handoff: Pick<Handoff, 'acceptedAt' | 'connectedAt' | 'requestedAt'>,
): string => handoff.connectedAt ?? handoff.acceptedAt ?? handoff.requestedAt;
