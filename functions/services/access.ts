import type { ClinicId, Role } from '../contracts/common';
import { authorize, type Action, type Actor } from '../domain/access/policy';
import { DomainError } from '../domain/errors';
import type { AuditEvent } from '../domain/model';
import type { RequestContext } from '../ports/context';

export type AuditTarget = Pick<AuditEvent, 'resourceType' | 'resourceId' | 'patientId'>;

export const auditEvent = (
  ctx: RequestContext,
  clinicId: ClinicId,
  action: Action | string,
  target: AuditTarget,
  outcome: AuditEvent['outcome'] = 'success',
): AuditEvent => ({
  eventId: ctx.deps.ids.next(),
  at: ctx.deps.clock.now().toISOString(),
  actorId: ctx.actorId,
  clinicId,
  action,
  outcome,
  requestId: ctx.requestId,
  ...target,
});

export const loadActor = async (ctx: RequestContext): Promise<Actor> => ({
  userId: ctx.actorId,
  memberships: await ctx.deps.store.memberships.listForUser(ctx.actorId),
});

/**
 * Every service starts here: the stored memberships decide, through the one policy module.
 * Not a member → 404 (another tenant's existence is not disclosed). A member whose role lacks the
 * action → 403, and the refusal goes into that clinic's audit trail.
 */
export const authorizeFor = async (
  ctx: RequestContext,
  action: Action,
  clinicId: ClinicId,
  target: AuditTarget,
): Promise<{ actor: Actor; role: Role }> => {
  const actor = await loadActor(ctx);
  const decision = authorize(actor, action, clinicId);
  if (decision.allowed) return { actor, role: decision.role };
  if (decision.reason === 'not_member') throw DomainError.notFound('Clinic');
  await ctx.deps.store.audit.append(auditEvent(ctx, clinicId, action, target, 'denied'));
  throw DomainError.forbidden();
};

/**
 * A PHI read: authorized by `action`, then `read` runs, then the read is audited as `auditAction`.
 * A read that finds nothing throws before anything is audited (the caller's not-found).
 */
export const auditedRead = async <T>(
  ctx: RequestContext,
  access: { action: Action; auditAction: string; clinicId: ClinicId; target: AuditTarget },
  read: () => Promise<T>,
): Promise<T> => {
  await authorizeFor(ctx, access.action, access.clinicId, access.target);
  const result = await read();
  await ctx.deps.store.audit.append(
    auditEvent(ctx, access.clinicId, access.auditAction, access.target),
  );
  return result;
};
