import { describe, expect, it } from 'vitest';
import { Role as RoleSchema, type Role } from '../../../functions/contracts/common';
import {
  actions,
  assertAllowed,
  authorize,
  permissions,
  type Action,
  type Actor,
} from '../../../functions/domain/access/policy';
import { DomainError } from '../../../functions/domain/errors';
import type { Membership } from '../../../functions/domain/model';

/** The matrix from the brief, written out independently of the module under test. */
const expected: Record<Role, Action[]> = {
  pcp: [
    'clinic.read',
    'patient.search',
    'patient.create',
    'patient.read',
    'screening.submit',
    'screening.read',
    'screening.override',
    'safety.write',
    'safety.read',
    'safety.summary',
    'handoff.request',
    'handoff.read',
    'handoff.cancel',
    'handoff.join',
    'handoff.metrics',
    'schedule.read',
    'schedule.book',
    'schedule.join',
    'schedule.metrics',
    'registry.read',
    'message.read',
    'message.send',
    'note.restricted.write',
    'note.restricted.list',
    'registry.enrol',
    'registry.write',
    'recommendation.inbox',
    'recommendation.respond',
    'billing.read',
    'outcomes.read',
  ],
  ma: [
    'clinic.read',
    'patient.search',
    'patient.create',
    'patient.read',
    'screening.submit',
    'screening.read',
    'safety.summary',
    'handoff.request',
    'handoff.read',
    'handoff.cancel',
    'handoff.join',
    'schedule.read',
    'schedule.book',
    'schedule.join',
  ],
  bcm: [
    'clinic.read',
    'patient.search',
    'patient.read',
    'screening.submit',
    'screening.read',
    'screening.override',
    'safety.write',
    'safety.read',
    'safety.summary',
    'handoff.read',
    'handoff.join',
    'handoff.respond',
    'handoff.end',
    'handoff.metrics',
    'presence.set',
    'schedule.read',
    'schedule.book',
    'schedule.join',
    'schedule.metrics',
    'registry.read',
    'message.read',
    'message.send',
    'note.restricted.write',
    'note.restricted.list',
    'registry.enrol',
    'registry.write',
    'registry.caseload',
    'review.session.attend',
  ],
  psychiatrist: [
    'clinic.read',
    'patient.search',
    'patient.read',
    'screening.read',
    'safety.read',
    'safety.summary',
    'handoff.read',
    'handoff.join',
    'schedule.read',
    'registry.read',
    'message.read',
    'message.send',
    'note.restricted.write',
    'note.restricted.list',
    'registry.panel',
    'registry.review',
    'review.session.run',
    'review.session.attend',
  ],
  admin: [
    'clinic.read',
    'clinic.configure',
    'staff.read',
    'audit.read',
    'handoff.metrics',
    'schedule.configure',
    'schedule.metrics',
    'registry.configure',
    'billing.read',
    'billing.close',
    'billing.configure',
    'outcomes.read',
  ],
  tablet: [
    'clinic.read',
    'screening.submit',
    'handoff.request',
    'handoff.read',
    'handoff.cancel',
    'handoff.join',
  ],
};

const own = 'clinic-own';
const other = 'clinic-other';

const membership = (userId: string, clinicId: string, role: Role): Membership => ({
  userId,
  clinicId,
  role,
  createdAt: '2026-01-01T00:00:00.000Z',
});
const actorWith = (...roles: Role[]): Actor => ({
  userId: 'user-1',
  memberships: roles.map((role) => membership('user-1', own, role)),
});

const thrown = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
};

describe('permission matrix', () => {
  it('is exactly the specified matrix', () => {
    expect(Object.keys(permissions).sort()).toEqual([...RoleSchema.options].sort());
    for (const role of RoleSchema.options) {
      expect([...permissions[role]].sort()).toEqual([...expected[role]].sort());
    }
    // No declared action is missing from the written-out matrix (nobody holds it by accident or not at all).
    expect([...new Set(Object.values(expected).flat())].sort()).toEqual([...actions].sort());
  });

  it('cannot be widened at run time', () => {
    expect(() => (permissions.tablet as Action[]).push('patient.read')).toThrow(TypeError);
    expect(authorize(actorWith('tablet'), 'patient.read', own)).toEqual({
      allowed: false,
      reason: 'role_not_permitted',
    });
  });

  it('gives admins no clinical reads (minimum necessary)', () => {
    for (const action of ['patient.search', 'patient.read', 'screening.read'] as const) {
      expect(authorize(actorWith('admin'), action, own).allowed).toBe(false);
    }
  });
});

describe('every action × role × own/other clinic', () => {
  const grid = RoleSchema.options.flatMap((role) =>
    actions.map((action) => [role, action] as const),
  );

  it.each(grid)('%s / %s', (role, action) => {
    const actor = actorWith(role);
    const permitted = expected[role].includes(action);

    expect(authorize(actor, action, own)).toEqual(
      permitted ? { allowed: true, role } : { allowed: false, reason: 'role_not_permitted' },
    );
    if (permitted) {
      expect(assertAllowed(actor, action, own)).toBe(role);
    } else {
      const error = thrown(() => assertAllowed(actor, action, own));
      expect(error.kind).toBe('forbidden');
    }

    expect(authorize(actor, action, other)).toEqual({ allowed: false, reason: 'not_member' });
    const error = thrown(() => assertAllowed(actor, action, other));
    expect(error.kind).toBe('not_found');
    expect(error.message).toBe('Clinic not found');
  });
});

describe('authorize with several or foreign memberships', () => {
  it('allows when any held role permits, naming a permitting role', () => {
    const actor = actorWith('admin', 'psychiatrist');
    expect(authorize(actor, 'patient.read', own)).toEqual({ allowed: true, role: 'psychiatrist' });
    expect(authorize(actor, 'clinic.configure', own)).toEqual({ allowed: true, role: 'admin' });
    expect(authorize(actor, 'patient.create', own)).toEqual({
      allowed: false,
      reason: 'role_not_permitted',
    });
  });

  it('names the same role whatever order the memberships were stored in', () => {
    expect(authorize(actorWith('ma', 'pcp'), 'patient.read', own)).toEqual({
      allowed: true,
      role: 'pcp',
    });
    expect(authorize(actorWith('pcp', 'ma'), 'patient.read', own)).toEqual({
      allowed: true,
      role: 'pcp',
    });
  });

  it('ignores a role held in another clinic', () => {
    const actor: Actor = {
      userId: 'user-1',
      memberships: [membership('user-1', own, 'tablet'), membership('user-1', other, 'pcp')],
    };
    expect(authorize(actor, 'patient.read', own)).toEqual({
      allowed: false,
      reason: 'role_not_permitted',
    });
  });

  it('ignores memberships that belong to another user', () => {
    const actor: Actor = { userId: 'user-1', memberships: [membership('user-2', own, 'pcp')] };
    expect(authorize(actor, 'clinic.read', own)).toEqual({ allowed: false, reason: 'not_member' });
  });

  it('an actor with no memberships is a non-member everywhere', () => {
    expect(authorize({ userId: 'user-1', memberships: [] }, 'clinic.read', own)).toEqual({
      allowed: false,
      reason: 'not_member',
    });
  });
});
