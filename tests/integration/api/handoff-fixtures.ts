/** Shared set-up of the handoff API tests: more BCMs, presence, socket connections, a movable clock. */
import { beforeAll } from 'vitest';
import type { Handoff } from '../../../functions/contracts/handoff';
import type { ServerMessage } from '../../../functions/contracts/realtime';
import type { Role } from '../../../functions/contracts/common';
import { invoke, type Reply } from '../../support/api';
import { useTwoClinicApi } from '../../support/api-suite';
import { CLINIC_A, CLINIC_B, NOW, userFor } from '../../support/network';
import type { RecordingPush } from '../../support/recording-push';

export const pcp = userFor('pcp');
export const tablet = userFor('tablet');
export const ma = userFor('ma');
export const bcm = userFor('bcm');
/** A BCM who covers clinic B only: must neither see nor accept clinic A's pages. */
export const BCM_B = 'user-bcm-b';
/** A BCM covering both clinics: one queue across them. */
export const BCM_AB = 'user-bcm-ab';
export const bcmN = (i: number) => `user-bcm-${i}-a`;

export const useHandoffApi = (extraBcms = 0) => {
  const suite = useTwoClinicApi();
  const clock = { offsetMs: 0 };
  beforeAll(async () => {
    const { store } = suite.deps;
    let tick = 0;
    suite.deps.clock = { now: () => new Date(NOW.getTime() + clock.offsetMs + tick++) };
    const createdAt = NOW.toISOString();
    const member = async (userId: string, clinicId: string, role: Role) => {
      await store.users.put({
        userId,
        displayName: userId,
        email: `${userId}@x.invalid`,
        createdAt,
      });
      await store.memberships.put({ userId, clinicId, role, createdAt });
    };
    await member(BCM_B, CLINIC_B, 'bcm');
    await member(BCM_AB, CLINIC_A, 'bcm');
    await member(BCM_AB, CLINIC_B, 'bcm');
    for (let i = 1; i <= extraBcms; i += 1) await member(bcmN(i), CLINIC_A, 'bcm');
    // Everyone has a live socket, so every push can be observed.
    const users = [pcp, tablet, ma, bcm, BCM_B, BCM_AB, userFor('psychiatrist')];
    for (let i = 1; i <= extraBcms; i += 1) users.push(bcmN(i));
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    for (const userId of users) {
      await store.connections.put({
        connectionId: `conn-${userId}`,
        userId,
        connectedAt: createdAt,
        expiresAt,
      });
    }
  });
  const push = () => suite.deps.push as RecordingPush;
  return {
    suite,
    clock,
    push,
    /** Messages of a type pushed to a user's connection since `from` (an index into push().sent). */
    pushedTo: (userId: string, type: ServerMessage['type'], from = 0) =>
      push()
        .sent.slice(from)
        .filter((s) => s.connectionIds.includes(`conn-${userId}`) && s.message.type === type)
        .map((s) => s.message),
  };
};

export const onDuty = (sub: string, clinicId = CLINIC_A, status: 'on-duty' | 'away' = 'on-duty') =>
  invoke('setMyPresence', { sub, body: { clinicId, status } });

export const request = (
  patientId: string,
  body: Record<string, unknown> = {},
  sub = tablet,
  clinicId = CLINIC_A,
) =>
  invoke('requestHandoff', {
    sub,
    params: { clinicId },
    body: { patientId, urgency: 'routine', ...body },
  });

export const act = (
  route:
    | 'acceptHandoff'
    | 'declineHandoff'
    | 'cancelHandoff'
    | 'getHandoff'
    | 'joinHandoffCall'
    | 'markHandoffJoined'
    | 'endHandoff',
  sub: string,
  handoffId: string,
  clinicId = CLINIC_A,
) => invoke(route, { sub, params: { clinicId, handoffId }, body: {} });

export const asHandoff = (reply: Reply): Handoff => reply.body as unknown as Handoff;
