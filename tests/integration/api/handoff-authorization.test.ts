/**
 * The role × own/other clinic walk for the handoff routes whose success depends on the handoff's
 * state (open, live with the caller on the call, ended and accepted by the caller). The generic walk
 * in authorization.test.ts skips them; here each case gets a handoff in the state its route needs,
 * so an allowed role succeeds and only the policy differs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { routes, type RouteId } from '../../../functions/contracts/api';
import { Role } from '../../../functions/contracts/common';
import { roleAllows, type Action } from '../../../functions/domain/access/policy';
import { invoke } from '../../support/api';
import { CLINIC_A, CLINIC_B, PCP_B, userFor } from '../../support/network';
import { act, asHandoff, bcm, ma, pcp, request, tablet, useHandoffApi } from './handoff-fixtures';

const { suite } = useHandoffApi();

const stateDependentRoutes = {
  getHandoff: 'handoff.read',
  acceptHandoff: 'handoff.respond',
  declineHandoff: 'handoff.respond',
  cancelHandoff: 'handoff.cancel',
  joinHandoffCall: 'handoff.join',
  markHandoffJoined: 'handoff.join',
  addHandoffParticipant: 'handoff.join',
  endHandoff: 'handoff.end',
  recordHandoffOutcome: 'handoff.end',
  setMyPresence: 'presence.set',
} as const satisfies Partial<Record<RouteId, Action>>;
type Dedicated = keyof typeof stateDependentRoutes;

const open = async (clinic: 'A' | 'B' = 'A') =>
  clinic === 'A'
    ? asHandoff(await request(suite.patientA))
    : asHandoff(await request(suite.patientB, {}, PCP_B, CLINIC_B));

/** Tablet + accepting BCM + everyone else who may join on the call (so any joining role is on it). */
const live = async (others = [pcp, ma, userFor('psychiatrist')]) => {
  const h = await open();
  expect((await act('acceptHandoff', bcm, h.handoffId)).status).toBe(200);
  for (const userId of others) {
    const added = await invoke('addHandoffParticipant', {
      sub: bcm,
      params: { clinicId: CLINIC_A, handoffId: h.handoffId },
      body: { userId },
    });
    expect(added.status).toBe(200);
  }
  return h;
};

const ended = async () => {
  const h = await live();
  expect((await act('endHandoff', bcm, h.handoffId)).status).toBe(200);
  return h;
};

const stateFor: Record<Dedicated, () => Promise<{ handoffId: string } | undefined>> = {
  getHandoff: open,
  acceptHandoff: open,
  declineHandoff: open,
  cancelHandoff: open,
  joinHandoffCall: () => live(),
  markHandoffJoined: () => live(),
  // The MA is the one added: every other joining role is already on the call (the MA adds itself).
  addHandoffParticipant: () => live([pcp, userFor('psychiatrist')]),
  endHandoff: () => live(),
  recordHandoffOutcome: ended,
  setMyPresence: () => Promise.resolve(undefined),
};

const bodyFor = (routeId: Dedicated, clinicId: string): unknown => {
  switch (routeId) {
    case 'addHandoffParticipant':
      return { userId: ma };
    case 'recordHandoffOutcome':
      return { outcomes: ['brief_intervention'], minutes: 10 };
    case 'setMyPresence':
      return { clinicId, status: 'on-duty' };
    default:
      return {};
  }
};

let handoffB = '';
beforeAll(async () => {
  handoffB = (await open('B')).handoffId;
});

const cases = (Object.keys(stateDependentRoutes) as Dedicated[]).flatMap((routeId) =>
  Role.options.map((role) => ({ routeId, role })),
);

describe('state-dependent handoff routes × role × own/other clinic', () => {
  it.each(cases)('$routeId as $role', async ({ routeId, role }) => {
    const sub = userFor(role);
    const action = stateDependentRoutes[routeId];
    const target = await stateFor[routeId]();
    const own = await invoke(routeId, {
      sub,
      params: target ? { clinicId: CLINIC_A, handoffId: target.handoffId } : {},
      body: bodyFor(routeId, CLINIC_A),
    });
    if (roleAllows(role, action)) {
      expect(own.status, JSON.stringify(own.body)).toBe(routes[routeId].successStatus);
    } else {
      expect(own.status).toBe(403);
      expect(own.body.error?.code).toBe('forbidden');
    }
    const other = await invoke(routeId, {
      sub,
      params: target ? { clinicId: CLINIC_B, handoffId: handoffB } : {},
      body: bodyFor(routeId, CLINIC_B),
    });
    expect(other.status).toBe(404);
    expect(other.body.error?.code).toBe('not_found');
    if (target && roleAllows(role, action)) {
      // Clinic B's handoff id under the caller's own clinic: not found either.
      const crossed = await invoke(routeId, {
        sub,
        params: { clinicId: CLINIC_A, handoffId: handoffB },
        body: bodyFor(routeId, CLINIC_A),
      });
      expect(crossed.status).toBe(404);
    }
  });

  it('keeps a tablet to the requests it takes part in', async () => {
    const byPcp = asHandoff(await request(suite.patientA, {}, pcp));
    expect((await act('getHandoff', tablet, byPcp.handoffId)).status).toBe(404);
    const list = await invoke('listHandoffs', { sub: tablet, params: { clinicId: CLINIC_A } });
    expect(JSON.stringify(list.body)).not.toContain(byPcp.handoffId);
  });
});
