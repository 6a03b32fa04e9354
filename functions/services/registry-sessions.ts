/**
 * Case-review sessions: the psychiatrist's weekly meeting with the BCMs (date, attendees, cases
 * discussed, minutes) and its video call. A session belongs to no single clinic: it is visible to
 * its psychiatrist and attendees only, and holds ids only (no PHI), so it is not audited per read.
 */
import type * as z from 'zod';
import type { ClinicId, FieldIssue, Page, PageQuery } from '../contracts/common';
import type { CallJoin } from '../contracts/handoff';
import type { ReviewSession, ReviewSessionCreate } from '../contracts/registry';
import { roleAllows, type Actor } from '../domain/access/policy';
import { DomainError } from '../domain/errors';
import type { RequestContext } from '../ports/context';
import { loadActor } from './access';
import { pageRequest, requireConfig, viewClinics } from './registry-views';

const clinicsWhere = (
  actor: Actor,
  allows: (role: Actor['memberships'][number]['role']) => boolean,
) =>
  new Set(
    actor.memberships
      .filter((m) => m.userId === actor.userId && allows(m.role))
      .map((m) => m.clinicId),
  );

/**
 * Schedules a session. The psychiatrist must run reviews somewhere; each attendee must be a BCM
 * in a clinic the psychiatrist runs reviews for (400 naming the attendee otherwise).
 */
export const createReviewSession = async (
  ctx: RequestContext,
  body: z.infer<typeof ReviewSessionCreate>,
): Promise<ReviewSession> => {
  const actor = await loadActor(ctx);
  const runs = clinicsWhere(actor, (role) => roleAllows(role, 'review.session.run'));
  if (runs.size === 0)
    throw DomainError.forbidden('Only a consulting psychiatrist runs case reviews');
  const { store, ids, clock } = ctx.deps;
  const memberships = await Promise.all(
    body.attendees.map((userId) => store.memberships.listForUser(userId)),
  );
  const issues: FieldIssue[] = [];
  body.attendees.forEach((userId, index) => {
    const field = `body.attendees.${index}`;
    if (body.attendees.indexOf(userId) !== index) {
      issues.push({ field, message: 'is listed twice' });
    } else if (!memberships[index]?.some((m) => m.role === 'bcm' && runs.has(m.clinicId))) {
      issues.push({ field, message: 'is not a care manager of a clinic you consult for' });
    }
  });
  if (issues.length > 0) throw DomainError.validation('Check the attendees', issues);
  const session: ReviewSession = {
    reviewSessionId: ids.next(),
    psychiatristId: ctx.actorId,
    attendees: body.attendees,
    scheduledFor: body.scheduledFor,
    cases: [],
    createdAt: clock.now().toISOString(),
    version: 0,
  };
  await store.reviewSessions.create(session);
  return session;
};

export const listMyReviewSessions = async (
  ctx: RequestContext,
  query: PageQuery,
): Promise<Page<ReviewSession>> => {
  const visible = viewClinics(await loadActor(ctx), 'review.session.attend');
  if (visible.size === 0) return { items: [] };
  return ctx.deps.store.reviewSessions.listForUser(ctx.actorId, pageRequest(query));
};

/**
 * A session of which the caller is the psychiatrist or an attendee (and still a member somewhere
 * who may take part in reviews). Anyone else: 404, its existence is not disclosed.
 */
const loadSession = async (ctx: RequestContext, reviewSessionId: string) => {
  const [actor, session] = await Promise.all([
    loadActor(ctx),
    ctx.deps.store.reviewSessions.get(reviewSessionId),
  ]);
  const takesPart =
    session !== undefined &&
    (session.psychiatristId === ctx.actorId || session.attendees.includes(ctx.actorId)) &&
    clinicsWhere(actor, (role) => roleAllows(role, 'review.session.attend')).size > 0;
  if (!takesPart) throw DomainError.notFound('Review session');
  return { session, actor };
};

export const getReviewSession = async (
  ctx: RequestContext,
  reviewSessionId: string,
): Promise<ReviewSession> => (await loadSession(ctx, reviewSessionId)).session;

const requireOpen = (session: ReviewSession) => {
  if (session.endedAt !== undefined) throw DomainError.conflict('The session has ended');
};

/** The media region of a clinic the psychiatrist runs reviews for (its scheduling setting). */
const mediaRegionFor = async (ctx: RequestContext, session: ReviewSession): Promise<string> => {
  const memberships = await ctx.deps.store.memberships.listForUser(session.psychiatristId);
  const clinicId: ClinicId | undefined = memberships
    .filter((m) => roleAllows(m.role, 'review.session.run'))
    .map((m) => m.clinicId)
    .sort()[0];
  if (clinicId === undefined) throw DomainError.conflict('The session’s psychiatrist has left');
  return (await requireConfig(ctx.deps, clinicId)).scheduling.mediaRegion;
};

/**
 * Keeps who joined under which attendee id on the session: the local video's signal relay passes
 * messages only between a session's recorded attendees. Two people joining at once: re-read, retry.
 */
const recordAttendee = async (ctx: RequestContext, session: ReviewSession, attendeeId: string) => {
  let current = session;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const attendees = current.meetingAttendees ?? [];
    if (attendees.some((a) => a.userId === ctx.actorId && a.attendeeId === attendeeId)) return;
    requireOpen(current);
    try {
      await ctx.deps.store.reviewSessions.save(
        {
          ...current,
          meetingAttendees: [
            ...attendees.filter((a) => a.userId !== ctx.actorId),
            { userId: ctx.actorId, attendeeId },
          ],
          version: current.version + 1,
        },
        current.version,
      );
      return;
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'conflict') throw error;
      current = (await loadSession(ctx, session.reviewSessionId)).session;
    }
  }
  throw DomainError.conflict('The session changed while joining: try again');
};

/**
 * The caller's own join credentials. The first join creates the meeting (its request token is the
 * session id, so two first joins at once get the same meeting) and marks the session started.
 */
export const joinReviewSession = async (
  ctx: RequestContext,
  reviewSessionId: string,
): Promise<CallJoin> => {
  let { session } = await loadSession(ctx, reviewSessionId);
  requireOpen(session);
  const { meetings, store, clock } = ctx.deps;
  if (session.meetingId === undefined) {
    const created = await meetings.createMeeting({
      requestToken: `review-${session.reviewSessionId}`,
      externalMeetingId: session.reviewSessionId,
      mediaRegion: await mediaRegionFor(ctx, session),
      attendees: [{ externalUserId: session.psychiatristId }],
    });
    const started: ReviewSession = {
      ...session,
      meetingId: created.meetingId,
      startedAt: session.startedAt ?? clock.now().toISOString(),
      version: session.version + 1,
    };
    try {
      await store.reviewSessions.save(started, session.version);
      session = started;
    } catch {
      // Another first join stored it: the request token made it the same meeting.
      session = (await loadSession(ctx, reviewSessionId)).session;
    }
  }
  const meetingId = session.meetingId;
  if (meetingId === undefined) throw new Error('Review session has no meeting');
  const { attendeeId } = await meetings.addAttendee(meetingId, ctx.actorId);
  await recordAttendee(ctx, session, attendeeId);
  return meetings.joinFor(meetingId, attendeeId);
};

/** The psychiatrist ends the session: the call is deleted for everyone and the minutes kept. */
export const endReviewSession = async (
  ctx: RequestContext,
  reviewSessionId: string,
  minutes: number,
): Promise<ReviewSession> => {
  const { session } = await loadSession(ctx, reviewSessionId);
  if (session.psychiatristId !== ctx.actorId) {
    throw DomainError.forbidden('Only the session’s psychiatrist ends it');
  }
  requireOpen(session);
  if (session.meetingId !== undefined) await ctx.deps.meetings.deleteMeeting(session.meetingId);
  const ended: ReviewSession = {
    ...session,
    endedAt: ctx.deps.clock.now().toISOString(),
    minutes,
    version: session.version + 1,
  };
  await ctx.deps.store.reviewSessions.save(ended, session.version);
  return ended;
};
