/**
 * The role × own/other clinic walk of the billing and outcome routes (the generic walk in
 * authorization.test.ts leaves them out). Allowed → the route's success status; a member whose
 * role lacks the action → 403 and a `denied` audit event of that very request; clinic B (where no
 * clinic A user is a member) → 404.
 */
import { describe, expect, it } from 'vitest';
import { routes, type RouteId } from '../../../functions/contracts/api';
import { Role } from '../../../functions/contracts/common';
import type { NetworkOutcomes } from '../../../functions/contracts/outcomes';
import { roleAllows, type Action } from '../../../functions/domain/access/policy';
import { invoke, type Call, type Reply } from '../../support/api';
import { userFor } from '../../support/network';
import { CLINIC_A, CLINIC_B, auditOfDay, useRegistryApi } from './registry-fixtures';

const suite = useRegistryApi();

const expectDeniedAudit = async (reply: Reply, actorId: string, action: Action) => {
  const requestId = reply.body.error?.requestId;
  expect(requestId).toBeDefined();
  const events = (await auditOfDay(suite, CLINIC_A)).filter((e) => e.requestId === requestId);
  expect(events).toMatchObject([{ actorId, action, outcome: 'denied' }]);
};

/** B3's clinic-scoped routes and the action each is authorized by. */
const clinicRoutes = {
  getBillingSettings: 'billing.read',
  putBillingSettings: 'billing.configure',
  getClinicOutcomes: 'outcomes.read',
} as const satisfies Partial<Record<RouteId, Action>>;
type ClinicRoute = keyof typeof clinicRoutes;

const bodies: Partial<Record<ClinicRoute, unknown>> = {
  putBillingSettings: { rates: { year: 2026, cents: { '99493': 12_000 } } },
};
const queries: Partial<Record<ClinicRoute, Record<string, string>>> = {
  getClinicOutcomes: { from: '2026-06', to: '2026-11' },
};

const callIn = (routeId: ClinicRoute, clinicId: string): Call => ({
  params: { clinicId },
  body: bodies[routeId],
  ...(queries[routeId] === undefined ? {} : { query: queries[routeId] }),
});

const cases = (Object.keys(clinicRoutes) as ClinicRoute[]).flatMap((routeId) =>
  Role.options.map((role) => ({ routeId, role })),
);

describe('billing and outcome routes × role × own/other clinic go through the policy', () => {
  it.each(cases)('$routeId as $role', async ({ routeId, role }) => {
    const sub = userFor(role);
    const action = clinicRoutes[routeId];
    const own = await invoke(routeId, { ...callIn(routeId, CLINIC_A), sub });
    if (roleAllows(role, action)) {
      expect(own.status, JSON.stringify(own.body)).toBe(routes[routeId].successStatus);
    } else {
      expect(own.status, JSON.stringify(own.body)).toBe(403);
      expect(own.body.error?.code).toBe('forbidden');
      await expectDeniedAudit(own, sub, action);
    }
    const elsewhere = await invoke(routeId, { ...callIn(routeId, CLINIC_B), sub });
    expect(elsewhere.status, JSON.stringify(elsewhere.body)).toBe(404);
    expect(elsewhere.body.error?.code).toBe('not_found');
  });

  // /me/outcomes names no clinic: roles reading outcomes get their own clinics' rows, and no one
  // else's; the others are refused with 403 (no clinic to audit it in).
  it.each(Role.options)('getNetworkOutcomes as %s', async (role) => {
    const reply = await invoke('getNetworkOutcomes', {
      sub: userFor(role),
      query: { from: '2026-06', to: '2026-11' },
    });
    if (roleAllows(role, 'outcomes.read')) {
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      const body = reply.body as unknown as NetworkOutcomes;
      expect(body.clinics.map((clinic) => clinic.clinicId)).toEqual([CLINIC_A]);
    } else {
      expect(reply.status).toBe(403);
      expect(reply.body.error?.code).toBe('forbidden');
    }
  });
});

// @walk:billing-more (the worksheet, month close, adjustment and export routes go here)

/** The month routes (B2): each × role × own/other clinic, on months that have ended. */
const monthRoutes = {
  getBillingWorksheet: { action: 'billing.read', month: '2026-11', allowed: 200 },
  closeBillingMonth: { action: 'billing.close', month: '2026-09', allowed: 201 },
  // Past the policy, an unknown line is the caller's mistake: 400 proves authorization let it in.
  createBillingAdjustment: { action: 'billing.close', month: '2026-08', allowed: 400 },
  exportBillingMonth: { action: 'billing.close', month: '2026-08', allowed: 200 },
} as const satisfies Partial<Record<RouteId, { action: Action; month: string; allowed: number }>>;
type MonthRoute = keyof typeof monthRoutes;

const monthCall = (routeId: MonthRoute, clinicId: string): Call => ({
  params: { clinicId, month: monthRoutes[routeId].month },
  ...(routeId === 'createBillingAdjustment'
    ? { body: { lineId: '2026-08~nope', reason: 'walk', delta: { countedMinutes: 1 } } }
    : {}),
});

/** The adjustment and export need a closed month: August, closed once by the admin. */
let augustClosed: Promise<void> | undefined;
const closeAugust = () =>
  (augustClosed ??= invoke('closeBillingMonth', {
    sub: userFor('admin'),
    params: { clinicId: CLINIC_A, month: '2026-08' },
  }).then((closed) => expect(closed.status, JSON.stringify(closed.body)).toBe(201)));

describe('billing month routes × role × own/other clinic go through the policy', () => {
  const monthCases = (Object.keys(monthRoutes) as MonthRoute[]).flatMap((routeId) =>
    Role.options.map((role) => ({ routeId, role })),
  );
  it.each(monthCases)('$routeId as $role', async ({ routeId, role }) => {
    const sub = userFor(role);
    const { action, allowed } = monthRoutes[routeId];
    if (monthRoutes[routeId].month === '2026-08') await closeAugust();
    const own = await invoke(routeId, { ...monthCall(routeId, CLINIC_A), sub });
    if (roleAllows(role, action)) {
      expect(own.status, JSON.stringify(own.body)).toBe(allowed);
    } else {
      expect(own.status, JSON.stringify(own.body)).toBe(403);
      expect(own.body.error?.code).toBe('forbidden');
      await expectDeniedAudit(own, sub, action);
    }
    const elsewhere = await invoke(routeId, { ...monthCall(routeId, CLINIC_B), sub });
    expect(elsewhere.status, JSON.stringify(elsewhere.body)).toBe(404);
    expect(elsewhere.body.error?.code).toBe('not_found');
  });
});
