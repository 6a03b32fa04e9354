/**
 * What every handoff use case shares: loading, the version-checked write (with a re-read and a
 * retry when someone else changed the record first), the fallback from the triage rule, and the
 * pushes that tell everyone concerned about a transition.
 */
import type { CareActivity } from '../contracts/activities';
import { handoffSettingsOf } from '../contracts/clinics';
import type { ClinicId, Role } from '../contracts/common';
import type { Handoff, HandoffFallback } from '../contracts/handoff';
import {
  buildFallback,
  fallBack,
  isOpen,
  markMeetingDeleted,
  windowEnded,
} from '../domain/handoff';
import type { Action } from '../domain/access/policy';
import { DomainError, isDomainError } from '../domain/errors';
import type { Deps, RequestContext } from '../ports/context';
import { auditEvent, authorizeFor, type AuditTarget } from './access';
import { pushToUsers } from './notify';
import { clinicMembersWith } from './presence';

/** Without stored triage rules (never in practice), the seed rule: a BH visit within 72 hours. */
const DEFAULT_URGENT_WITHIN_HOURS = 72;

export const handoffTarget = (h: Pick<Handoff, 'handoffId' | 'patientId'>): AuditTarget => ({
  resourceType: 'handoff',
  resourceId: h.handoffId,
  patientId: h.patientId,
});

export const requireHandoff = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  handoffId: string,
): Promise<Handoff> => {
  const handoff = await ctx.deps.store.handoffs.get(clinicId, handoffId);
  if (!handoff) throw DomainError.notFound('Handoff');
  return handoff;
};

/** A system actor (the sweep, the reconciler) acting outside any HTTP request. */
export const systemContext = (deps: Deps, actorId: string): RequestContext => ({
  actorId,
  requestId: `${actorId}-${deps.ids.next()}`,
  deps,
});

/** Writes `next` over `prev` (version-checked) with its audit event; an unchanged record writes nothing. */
export const commit = async (
  ctx: RequestContext,
  prev: Handoff,
  next: Handoff,
  action: string,
  also?: { activity?: CareActivity },
): Promise<Handoff> => {
  if (next === prev) return prev;
  const audit = auditEvent(ctx, next.clinicId, action, handoffTarget(next));
  await ctx.deps.store.handoffs.save(next, prev.version, audit, also);
  return next;
};

const isConflict = (error: unknown) => isDomainError(error) && error.kind === 'conflict';

/**
 * Read → transition → version-checked write, re-reading when another request won the race. The
 * transition decides on the fresh record each time, so a lost accept race ends in "already
 * accepted", while two sides joining at once both get recorded.
 */
export const mutate = async (
  ctx: RequestContext,
  start: Handoff,
  transition: (current: Handoff) => Handoff,
  action: string,
  also?: { activity?: CareActivity },
  attempts = 4,
): Promise<{ before: Handoff; after: Handoff }> => {
  let current = start;
  for (let attempt = 1; ; attempt += 1) {
    const next = transition(current);
    try {
      return { before: current, after: await commit(ctx, current, next, action, also) };
    } catch (error) {
      if (!isConflict(error) || attempt >= attempts) throw error;
      current = await requireHandoff(ctx, current.clinicId, current.handoffId);
    }
  }
};

/** The triage rule's scheduled disposition, from the screening if one travelled with the request. */
export const fallbackFor = async (
  deps: Deps,
  h: Handoff,
  reason: HandoffFallback['reason'],
): Promise<HandoffFallback> => {
  const { store, clock } = deps;
  const [screening, clinic] = await Promise.all([
    h.screeningId ? store.screenings.get(h.clinicId, h.patientId, h.screeningId) : undefined,
    store.clinics.get(h.clinicId),
  ]);
  const rules =
    clinic && (await store.clinics.getTriageRules(h.clinicId, clinic.triageRuleVersion));
  return buildFallback(
    reason,
    clock.now().toISOString(),
    screening?.disposition,
    rules?.urgentWithinHours ?? DEFAULT_URGENT_WITHIN_HOURS,
    h.urgency,
  );
};

/** Everyone a transition concerns: the clinic's BCMs, the participants and the requester. */
const audienceOf = async (deps: Deps, h: Handoff): Promise<string[]> => {
  const bcms = await clinicMembersWith(deps, h.clinicId, 'bcm');
  // A safety request that fell back alerts every PCP of the clinic, not only the requester.
  const pcps =
    h.status === 'fallback' && h.urgency === 'safety'
      ? await clinicMembersWith(deps, h.clinicId, 'pcp')
      : [];
  return [...bcms, ...pcps, h.requestedBy, ...h.participants.map((p) => p.userId)];
};

export const announce = async (deps: Deps, h: Handoff, extra: string[] = []): Promise<void> => {
  try {
    const audience = await audienceOf(deps, h);
    await pushToUsers(deps, [...audience, ...extra], {
      type: 'handoff.updated',
      clinicId: h.clinicId,
      handoffId: h.handoffId,
      status: h.status,
      version: h.version,
      ...(h.acceptedBy ? { acceptedBy: h.acceptedBy } : {}),
    });
  } catch (error) {
    deps.log.warn('announce failed', {
      errorName: error instanceof Error ? error.name : typeof error,
    });
  }
};

/**
 * An open request whose window has ended falls back now, whoever looks at it first (a BCM's
 * accept, the PCP's screen, the sweep): nobody waits for the next sweep to see it.
 */
export const expireIfDue = async (ctx: RequestContext, h: Handoff): Promise<Handoff> => {
  if (!isOpen(h) || !windowEnded(h, ctx.deps.clock.now())) return h;
  const fallback = await fallbackFor(ctx.deps, h, 'no_answer');
  try {
    const { after } = await mutate(
      ctx,
      h,
      (current) =>
        isOpen(current) && windowEnded(current, ctx.deps.clock.now())
          ? fallBack(current, fallback)
          : current,
      'handoff.fallback',
    );
    if (after !== h && after.status === 'fallback') await announce(ctx.deps, after);
    return after;
  } catch (error) {
    if (!isConflict(error)) throw error;
    return requireHandoff(ctx, h.clinicId, h.handoffId);
  }
};

/**
 * Deletes the provider's meeting and records that it is gone. A failure leaves the handoff on the
 * clean-up list for the sweep, so a closed handoff never keeps a meeting for long.
 */
export const deleteMeetingOf = async (ctx: RequestContext, h: Handoff): Promise<Handoff> => {
  if (!h.meeting || h.meeting.deletedAt !== undefined) return h;
  try {
    await ctx.deps.meetings.deleteMeeting(h.meeting.meetingId);
    const { after } = await mutate(
      ctx,
      h,
      (current) => markMeetingDeleted(current, ctx.deps.clock.now().toISOString()),
      'handoff.meeting-delete',
    );
    return after;
  } catch (error) {
    ctx.deps.log.warn('meeting delete deferred to the sweep', {
      handoffId: h.handoffId,
      errorName: error instanceof Error ? error.name : typeof error,
    });
    return h;
  }
};

export const settingsOf = async (deps: Deps, clinicId: ClinicId) => {
  const clinic = await deps.store.clinics.get(clinicId);
  if (!clinic) throw DomainError.notFound('Clinic');
  return { clinic, settings: handoffSettingsOf(clinic) };
};

/** Authorizes by the clinic membership (non-members: 404), then loads the handoff. */
export const loadHandoff = async (
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
