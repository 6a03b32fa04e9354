/** Running the call: cancel, join, add someone, end, and the outcome with its care activity. */
import type { CareActivity } from '../contracts/activities';
import type { ClinicId, Role } from '../contracts/common';
import type { CallJoin, Handoff, HandoffOutcomeBody } from '../contracts/handoff';
import { DomainError } from '../domain/errors';
import {
  addParticipant,
  attendeeIdOf,
  callStartedAt,
  cancel,
  end,
  isLive,
  markJoined,
  notNow,
  participantOf,
  recordOutcome,
} from '../domain/handoff';
import type { RequestContext } from '../ports/context';
import { auditEvent } from './access';
import {
  announce,
  deleteMeetingOf,
  handoffTarget,
  loadHandoff as load,
  mutate,
} from './handoff-support';

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
  const outcome = {
    ...input,
    recordedBy: ctx.actorId,
    recordedAt: now,
    activityId: activity.activityId,
  };
  // Re-read on a lost race (e.g. the sweep marking the meeting deleted at the same moment).
  const { after: saved } = await mutate(
    ctx,
    handoff,
    (current) => recordOutcome(current, outcome),
    'handoff.outcome',
    { activity },
  );
  await ctx.deps.store.audit.append(
    auditEvent(ctx, clinicId, 'care-activity.create', {
      resourceType: 'care-activity',
      resourceId: activity.activityId,
      patientId: handoff.patientId,
    }),
  );
  return saved;
};
