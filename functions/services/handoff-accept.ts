/** Responding to a page: accept (exactly once, then the meeting) or decline. */
import type { ClinicId } from '../contracts/common';
import type { Handoff, MeetingRef } from '../contracts/handoff';
import { DomainError } from '../domain/errors';
import {
  accept,
  attachMeeting,
  decline,
  fallBack,
  isLive,
  isOpen,
  notNow,
  windowEnded,
} from '../domain/handoff';
import type { RequestContext } from '../ports/context';
import {
  announce,
  commit,
  expireIfDue,
  fallbackFor,
  loadHandoff as load,
  mutate,
  requireHandoff,
  settingsOf,
} from './handoff-support';

/** An open request past its window falls back here and now, and the caller hears so. */
const stillOpen = async (ctx: RequestContext, h: Handoff, doing: string): Promise<Handoff> => {
  const current = await expireIfDue(ctx, h);
  if (current.status === 'fallback' && h.status === 'requested') throw notNow(current, doing);
  return current;
};

/** Video could not start: the request falls back to the scheduled disposition, consistently. */
const fallBackForVideo = async (ctx: RequestContext, h: Handoff): Promise<Handoff> => {
  const fallback = await fallbackFor(ctx.deps, h, 'video_unavailable');
  const { after } = await mutate(
    ctx,
    h,
    (current) =>
      current.status === 'accepted' && !current.meeting ? fallBack(current, fallback) : current,
    'handoff.fallback',
  );
  await announce(ctx.deps, after);
  return after;
};

/**
 * The first BCM to accept wins: the write is conditional on the version that was still
 * "requested", so of any number of simultaneous accepts exactly one lands; the others get 409.
 * Then the meeting is created for the participants only.
 */
export const acceptHandoff = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  handoffId: string,
): Promise<Handoff> => {
  const { handoff } = await load(ctx, 'handoff.respond', clinicId, handoffId);
  const { deps } = ctx;
  const open = await stillOpen(ctx, handoff, 'accept');
  const { after: accepted } = await mutate(
    ctx,
    open,
    (current) => {
      // A retried accept by the winner answers with the call it already has.
      if (current.acceptedBy === ctx.actorId && isLive(current)) return current;
      const now = deps.clock.now();
      // The window closed between the read and the write: too late, whatever the sweep says.
      if (isOpen(current) && windowEnded(current, now)) {
        throw DomainError.conflict('Cannot accept: the request\u2019s paging window has ended');
      }
      return accept(current, ctx.actorId, now.toISOString());
    },
    'handoff.accept',
  );
  if (accepted.meeting) return accepted;

  const { settings } = await settingsOf(deps, clinicId);
  let created;
  try {
    created = await deps.meetings.createMeeting({
      requestToken: handoffId,
      externalMeetingId: handoffId,
      mediaRegion: settings.mediaRegion,
      attendees: accepted.participants.map((p) => ({ externalUserId: p.userId })),
    });
  } catch (error) {
    deps.log.warn('meeting could not be created', {
      handoffId,
      errorName: error instanceof Error ? error.name : typeof error,
    });
    return fallBackForVideo(ctx, accepted);
  }
  const meeting: MeetingRef = {
    provider: deps.meetings.provider,
    meetingId: created.meetingId,
    ...(created.mediaRegion ? { mediaRegion: created.mediaRegion } : {}),
    attendees: created.attendees.map((a) => ({
      userId: a.externalUserId,
      attendeeId: a.attendeeId,
    })),
  };
  let started: Handoff;
  try {
    started = await commit(ctx, accepted, attachMeeting(accepted, meeting), 'handoff.meeting');
  } catch (error) {
    // Never leave a meeting nobody's handoff points at.
    await deps.meetings.deleteMeeting(created.meetingId).catch(() => undefined);
    const fresh = await requireHandoff(ctx, clinicId, handoffId);
    if (fresh.status === 'accepted' && !fresh.meeting) return fallBackForVideo(ctx, fresh);
    if (error instanceof DomainError) throw notNow(fresh, 'start the call');
    throw error;
  }
  await announce(deps, started);
  return started;
};

export const declineHandoff = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  handoffId: string,
  reason?: string,
): Promise<Handoff> => {
  const { handoff } = await load(ctx, 'handoff.respond', clinicId, handoffId);
  const open = await stillOpen(ctx, handoff, 'decline');
  const { before, after } = await mutate(
    ctx,
    open,
    (current) => decline(current, ctx.actorId, ctx.deps.clock.now().toISOString(), reason),
    'handoff.decline',
  );
  if (after !== before) await announce(ctx.deps, after);
  return after;
};
