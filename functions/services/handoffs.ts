/** Requesting, reading and listing warm handoffs; the BCM's queue; the clinic's metrics. */
import type { ClinicId, Page } from '../contracts/common';
import {
  type Handoff,
  type HandoffMetrics,
  type HandoffParticipant,
  type HandoffQueue,
  type HandoffRequestBody,
} from '../contracts/handoff';
import { roleAllows } from '../domain/access/policy';
import { DomainError } from '../domain/errors';
import {
  expiresAtFor,
  handoffMetrics,
  isLive,
  markPaged,
  pageSummary,
  participantOf,
  sortQueue,
  windowEnded,
} from '../domain/handoff';
import type { RequestContext } from '../ports/context';
import type { HandoffListFilter } from '../ports/handoff';
import { auditEvent, authorizeFor, loadActor } from './access';
import { commit, expireIfDue, handoffTarget, requireHandoff, settingsOf } from './handoff-support';
import { pushToUsers } from './notify';
import { requirePatient } from './patients';
import { onDutyBcms } from './presence';

const requireDevice = async (ctx: RequestContext, clinicId: ClinicId, deviceUserId: string) => {
  const memberships = await ctx.deps.store.memberships.listForUser(deviceUserId);
  if (!memberships.some((m) => m.clinicId === clinicId && m.role === 'tablet')) {
    throw DomainError.validation('The device is not an exam-room tablet of this clinic', [
      { field: 'body.deviceUserId', message: 'is not a tablet of this clinic' },
    ]);
  }
};

/**
 * A PCP, MA or the exam-room tablet asks for a BCM now. The request is stored first (once per
 * clientRequestId), then every on-duty BCM of the clinic is paged over the socket.
 */
export const requestHandoff = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  input: HandoffRequestBody,
): Promise<Handoff> => {
  const { role } = await authorizeFor(ctx, 'handoff.request', clinicId, {
    resourceType: 'handoff',
    patientId: input.patientId,
  });
  const { deps } = ctx;
  const [{ clinic, settings }, patient, screening] = await Promise.all([
    settingsOf(deps, clinicId),
    requirePatient(ctx, clinicId, input.patientId),
    input.screeningId
      ? deps.store.screenings.get(clinicId, input.patientId, input.screeningId)
      : undefined,
  ]);
  if (input.screeningId && !screening) {
    throw DomainError.validation('The screening is not one of this patient\u2019s', [
      { field: 'body.screeningId', message: 'is not a screening of this patient' },
    ]);
  }
  const deviceUserId = input.deviceUserId ?? (role === 'tablet' ? ctx.actorId : undefined);
  if (deviceUserId !== undefined && deviceUserId !== ctx.actorId) {
    await requireDevice(ctx, clinicId, deviceUserId);
  }
  const requester: HandoffParticipant = {
    userId: ctx.actorId,
    role,
    kind: deviceUserId === ctx.actorId ? 'patient-device' : 'requester',
  };
  const device: HandoffParticipant[] =
    deviceUserId !== undefined && deviceUserId !== ctx.actorId
      ? [{ userId: deviceUserId, role: 'tablet', kind: 'patient-device' }]
      : [];

  const now = deps.clock.now();
  const handoff: Handoff = {
    handoffId: deps.ids.next(),
    clinicId,
    patientId: input.patientId,
    ...(input.screeningId ? { screeningId: input.screeningId } : {}),
    urgency: input.urgency,
    ...(input.reason ? { reason: input.reason } : {}),
    status: 'requested',
    summary: pageSummary({ clinic, patient, screening, urgency: input.urgency }),
    requestedBy: ctx.actorId,
    participants: [requester, ...device],
    requestedAt: now.toISOString(),
    expiresAt: expiresAtFor(now, settings, input.urgency),
    pagedCount: 0,
    declines: [],
    version: 0,
  };
  const stored = await deps.store.handoffs.create(
    handoff,
    auditEvent(ctx, clinicId, 'handoff.request', handoffTarget(handoff)),
    input.clientRequestId,
  );
  // A double tap: the first request was paged already.
  if (stored.handoffId !== handoff.handoffId) return stored;

  const bcms = await onDutyBcms(deps, clinicId, now);
  const paged = markPaged(stored, deps.clock.now().toISOString(), bcms.length);
  // Page first: the BCM's seconds matter more than the bookkeeping write.
  await pushToUsers(deps, bcms, { type: 'handoff.paged', handoff: paged });
  try {
    return await commit(ctx, stored, paged, 'handoff.page');
  } catch (error) {
    // Accepted (or cancelled) before the page was recorded: that newer state is the answer.
    if (error instanceof DomainError && error.kind === 'conflict') {
      return requireHandoff(ctx, clinicId, stored.handoffId);
    }
    throw error;
  }
};

/** The tablet sees only the requests it takes part in (the patient in front of it). */
const visibleTo = (role: string, userId: string) => (h: Handoff) =>
  role !== 'tablet' || participantOf(h, userId) !== undefined;

export const getHandoff = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  handoffId: string,
): Promise<Handoff> => {
  const { role } = await authorizeFor(ctx, 'handoff.read', clinicId, {
    resourceType: 'handoff',
    resourceId: handoffId,
  });
  const found = await requireHandoff(ctx, clinicId, handoffId);
  if (!visibleTo(role, ctx.actorId)(found)) throw DomainError.notFound('Handoff');
  const handoff = await expireIfDue(ctx, found);
  await ctx.deps.store.audit.append(
    auditEvent(ctx, clinicId, 'handoff.read', handoffTarget(handoff)),
  );
  return handoff;
};

export const listHandoffs = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  query: { status?: HandoffListFilter; limit: number; cursor?: string },
): Promise<Page<Handoff>> => {
  const { role } = await authorizeFor(ctx, 'handoff.read', clinicId, {
    resourceType: 'handoff-list',
  });
  const page = await ctx.deps.store.handoffs.listForClinic(clinicId, query.status, {
    limit: query.limit,
    cursor: query.cursor,
  });
  await ctx.deps.store.audit.append(
    auditEvent(ctx, clinicId, 'handoff.list', { resourceType: 'handoff-list' }),
  );
  return { ...page, items: page.items.filter(visibleTo(role, ctx.actorId)) };
};

/**
 * One queue across every clinic the caller covers as a BCM: the open requests (one Query per
 * clinic) in safety → urgent → routine, oldest-first order, and the caller's own live calls.
 * Requests whose window has ended are left to the fallback, not offered.
 */
export const getMyHandoffQueue = async (ctx: RequestContext): Promise<HandoffQueue> => {
  const actor = await loadActor(ctx);
  const clinics = [
    ...new Set(
      actor.memberships.filter((m) => roleAllows(m.role, 'handoff.respond')).map((m) => m.clinicId),
    ),
  ];
  const covered = new Set(clinics);
  const now = ctx.deps.clock.now();
  const [openLists, mine] = await Promise.all([
    Promise.all(clinics.map((clinicId) => ctx.deps.store.handoffs.listOpen(clinicId))),
    ctx.deps.store.handoffs.listLiveForUser(ctx.actorId),
  ]);
  const open = openLists.flat().filter((h) => !windowEnded(h, now));
  const live = mine.filter((h) => covered.has(h.clinicId) && isLive(h));
  await Promise.all(
    clinics.map((clinicId) =>
      ctx.deps.store.audit.append(
        auditEvent(ctx, clinicId, 'handoff.queue', { resourceType: 'handoff-list' }),
      ),
    ),
  );
  return { open: sortQueue(open), mine: sortQueue(live) };
};

export const getHandoffMetrics = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  days: number,
): Promise<HandoffMetrics> => {
  await authorizeFor(ctx, 'handoff.metrics', clinicId, { resourceType: 'handoff-list' });
  const now = ctx.deps.clock.now();
  const from = new Date(now.getTime() - days * 86_400_000).toISOString();
  const to = now.toISOString();
  const handoffs = await ctx.deps.store.handoffs.listRequestedBetween(clinicId, from, to);
  return handoffMetrics(clinicId, from, to, handoffs);
};
