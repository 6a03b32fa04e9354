/**
 * Timed and event-driven handoff work: the every-minute sweep (expired requests fall back and the
 * requester is told; meetings of closed handoffs are deleted) and the Chime meeting-ended reconciler.
 */
import { end, isLive, isOpen, markMeetingDeleted } from '../domain/handoff';
import type { Deps } from '../ports/context';
import { announce, deleteMeetingOf, expireIfDue, mutate, systemContext } from './handoff-support';

export const SWEEP_ACTOR = 'system:handoff-sweep';
export const RECONCILER_ACTOR = 'system:meeting-reconciler';
const BATCH = 100;

export interface SweepReport {
  fellBack: number;
  meetingsDeleted: number;
  failed: number;
}

export const sweepHandoffs = async (deps: Deps): Promise<SweepReport> => {
  const ctx = systemContext(deps, SWEEP_ACTOR);
  const report: SweepReport = { fellBack: 0, meetingsDeleted: 0, failed: 0 };
  const due = await deps.store.handoffs.listDue(deps.clock.now(), BATCH);
  for (const handoff of due) {
    try {
      const after = await expireIfDue(ctx, handoff);
      if (after.status === 'fallback' && isOpen(handoff)) report.fellBack += 1;
    } catch (error) {
      report.failed += 1;
      deps.log.warn('sweep: fallback failed', {
        handoffId: handoff.handoffId,
        errorName: error instanceof Error ? error.name : typeof error,
      });
    }
  }
  const closed = await deps.store.handoffs.listMeetingsToDelete(BATCH);
  for (const handoff of closed) {
    const after = await deleteMeetingOf(ctx, handoff);
    if (after.meeting?.deletedAt !== undefined) report.meetingsDeleted += 1;
    else report.failed += 1;
  }
  return report;
};

export type ReconcileResult = 'unknown-meeting' | 'ended' | 'already-closed';

/**
 * The provider says the meeting ended (everyone left, or it timed out): a live handoff ends, and
 * the meeting is recorded as gone either way (no delete call: it no longer exists).
 */
export const reconcileMeetingEnded = async (
  deps: Deps,
  meetingId: string,
): Promise<ReconcileResult> => {
  const ctx = systemContext(deps, RECONCILER_ACTOR);
  const handoff = await deps.store.handoffs.findByMeeting(meetingId);
  if (!handoff) return 'unknown-meeting';
  const wasLive = isLive(handoff);
  const { after } = await mutate(
    ctx,
    handoff,
    (current) => {
      const at = deps.clock.now().toISOString();
      const ended = isLive(current) ? end(current, RECONCILER_ACTOR, at) : current;
      return ended.meeting?.meetingId === meetingId ? markMeetingDeleted(ended, at) : ended;
    },
    'handoff.meeting-ended',
  );
  if (wasLive && after.status === 'ended') await announce(deps, after);
  return wasLive ? 'ended' : 'already-closed';
};
