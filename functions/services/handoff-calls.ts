/** Responding to a page and running the call: accept, decline, cancel, join, end, outcome. */
import type { CareActivity } from '../contracts/activities';
import type { ClinicId, Role } from '../contracts/common';
import type { CallJoin, Handoff, HandoffOutcomeBody, MeetingRef } from '../contracts/handoff';
import { DomainError } from '../domain/errors';
import {
  accept,
  addParticipant,
  attachMeeting,
  attendeeIdOf,
  callStartedAt,
  cancel,
  decline,
  end,
  fallBack,
  isLive,
  markJoined,
  notNow,
  participantOf,
  recordOutcome,
} from '../domain/handoff';
import type { RequestContext } from '../ports/context';
import { auditEvent, authorizeFor } from './access';
import {
  announce,
  commit,
  deleteMeetingOf,
  expireIfDue,
  fallbackFor,
  handoffTarget,
  mutate,
  requireHandoff,
  settingsOf,
} from './handoff-support';

type Action = Parameters<typeof authorizeFor>[1];

/** Authorizes by the clinic membership (non-members: 404), then loads the handoff. */
const load = async (
  ctx: RequestContext,
  action: Action,
  clinicId: ClinicId,
  handoffId: string,
): Promise<{ handoff: Handoff; role: Role }> => {
  const { role } = await authorizeFor(ctx, action, clinicId, {
    resourceType: 'handoff',
    resourceId: handoffId,
  });
  return { handoff: await requireHandoff(ctx, clinicId, handoffId), role };
};

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
    // A retried accept by the winner answers with the call it already has.
    (current) =>
      current.acceptedBy === ctx.actorId && isLive(current)
        ? current
        : accept(current, ctx.actorId, deps.clock.now().toISOString()),
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
    console.warn('meeting could not be created', {
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

/** The requesting side withdraws before the call connects; a created meeting is deleted. */
export const cancelHandoff = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  handoffId: string,
  reason?: string,
): Promise<Handoff> => {
  const { handoff, role } = await load(ctx, 'handoff.cancel', clinicId, handoffId);
  if (role === 'tablet' && !participantOf(handoff, ctx.actorId))
    throw DomainError.notFound('Handoff');
  const { after } = await mutate(
    ctx,
    handoff,
    (current) => cancel(current, ctx.actorId, ctx.deps.clock.now().toISOString(), reason),
    'handoff.cancel',
  );
  const final = await deleteMeetingOf(ctx, after);
  await announce(ctx.deps, final);
  return final;
};

const requireParticipant = (h: Handoff, userId: string) => {
  if (!participantOf(h, userId)) {
    throw DomainError.forbidden('Only the call\u2019s participants can join it');
  }
};

/** The caller's own join credentials; nobody gets anyone else's. */
export const joinHandoffCall = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  handoffId: string,
): Promise<CallJoin> => {
  const { handoff } = await load(ctx, 'handoff.join', clinicId, handoffId);
  requireParticipant(handoff, ctx.actorId);
  if (!isLive(handoff) || !handoff.meeting || handoff.meeting.deletedAt) {
    throw notNow(handoff, 'join the call');
  }
  const { meetingId } = handoff.meeting;
  const attendeeId =
    attendeeIdOf(handoff, ctx.actorId) ??
    (await ctx.deps.meetings.addAttendee(meetingId, ctx.actorId)).attendeeId;
  const join = await ctx.deps.meetings.joinFor(meetingId, attendeeId);
  await ctx.deps.store.audit.append(
    auditEvent(ctx, clinicId, 'handoff.join', handoffTarget(handoff)),
  );
  return join;
};

/** The caller's media is up; the BCM and the patient's side both up means connected. */
export const markHandoffJoined = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  handoffId: string,
): Promise<Handoff> => {
  const { handoff } = await load(ctx, 'handoff.join', clinicId, handoffId);
  requireParticipant(handoff, ctx.actorId);
  const { before, after } = await mutate(
    ctx,
    handoff,
    (current) => markJoined(current, ctx.actorId, ctx.deps.clock.now().toISOString()),
    'handoff.joined',
  );
  if (after.status !== before.status) await announce(ctx.deps, after);
  return after;
};

const CLINICAL_ROLES: readonly Role[] = ['pcp', 'ma', 'bcm', 'psychiatrist'];

/**
 * Adds an interpreter or a second clinician (a clinical member of the clinic) to a live call. A
 * participant may add anyone; a PCP or MA of the clinic may add themselves (joining from their
 * own device while the tablet is on the call).
 */
export const addHandoffParticipant = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  handoffId: string,
  userId: string,
): Promise<Handoff> => {
  const { handoff, role } = await load(ctx, 'handoff.join', clinicId, handoffId);
  const selfJoin = userId === ctx.actorId && (role === 'pcp' || role === 'ma');
  if (!participantOf(handoff, ctx.actorId) && !selfJoin) {
    throw DomainError.forbidden('Only the call\u2019s participants can add someone');
  }
  const memberships = await ctx.deps.store.memberships.listForUser(userId);
  const clinical = CLINICAL_ROLES.find((r) =>
    memberships.some((m) => m.clinicId === clinicId && m.role === r),
  );
  if (!clinical) {
    throw DomainError.validation('Only clinical staff of this clinic can be added', [
      { field: 'body.userId', message: 'is not a clinician of this clinic' },
    ]);
  }
  if (participantOf(handoff, userId)) return handoff;
  if (!isLive(handoff) || !handoff.meeting || handoff.meeting.deletedAt) {
    throw notNow(handoff, 'add someone to the call');
  }
  const { attendeeId } = await ctx.deps.meetings.addAttendee(handoff.meeting.meetingId, userId);
  const { after } = await mutate(
    ctx,
    handoff,
    (current) => addParticipant(current, { userId, role: clinical }, attendeeId),
    'handoff.participant-add',
  );
  await announce(ctx.deps, after);
  return after;
};

const requireAcceptor = (h: Handoff, userId: string, doing: string) => {
  if (h.acceptedBy !== userId) {
    throw DomainError.forbidden(`Only the clinician who accepted the call can ${doing}`);
  }
};

/** Ends the call for everyone and deletes the meeting (a failed delete is left to the sweep). */
export const endHandoff = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  handoffId: string,
): Promise<Handoff> => {
  const { handoff } = await load(ctx, 'handoff.end', clinicId, handoffId);
  requireAcceptor(handoff, ctx.actorId, 'end it');
  const { after } = await mutate(
    ctx,
    handoff,
    (current) => end(current, ctx.actorId, ctx.deps.clock.now().toISOString()),
    'handoff.end',
  );
  const final = await deleteMeetingOf(ctx, after);
  await announce(ctx.deps, final);
  return final;
};

/**
 * The accepting BCM records what happened; the (possibly edited) minutes become a care-management
 * activity in the patient's chart, written in the same transaction so it exists exactly once.
 */
export const recordHandoffOutcome = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  handoffId: string,
  input: HandoffOutcomeBody,
): Promise<Handoff> => {
  const { handoff, role } = await load(ctx, 'handoff.end', clinicId, handoffId);
  requireAcceptor(handoff, ctx.actorId, 'record its outcome');
  const now = ctx.deps.clock.now().toISOString();
  const activity: CareActivity = {
    activityId: ctx.deps.ids.next(),
    clinicId,
    patientId: handoff.patientId,
    performedBy: ctx.actorId,
    role,
    kind: 'warm_handoff_video',
    minutes: input.minutes,
    occurredAt: callStartedAt(handoff),
    recordedAt: now,
    source: { handoffId },
  };
  const next = recordOutcome(handoff, {
    ...input,
    recordedBy: ctx.actorId,
    recordedAt: now,
    activityId: activity.activityId,
  });
  const saved = await commit(ctx, handoff, next, 'handoff.outcome', { activity });
  await ctx.deps.store.audit.append(
    auditEvent(ctx, clinicId, 'care-activity.create', {
      resourceType: 'care-activity',
      resourceId: activity.activityId,
      patientId: handoff.patientId,
    }),
  );
  return saved;
};
