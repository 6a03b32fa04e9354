/**
 * Registry API tests: the test network's two clinics (A Denver, B Chicago) with a member per role in
 * A and a PCP in B, plus a BCM and a psychiatrist of B, a movable clock, and helpers to register
 * and enrol patients through the real handlers.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { Role } from '../../../functions/contracts/common';
import type { EpisodeView } from '../../../functions/contracts/registry';
import type { AuditEvent } from '../../../functions/domain/model';
import { setDeps } from '../../../functions/platform/container';
import type { Deps } from '../../../functions/ports/context';
import { invoke } from '../../support/api';
import { freshTable, type FreshTable } from '../../support/dynamodb';
import {
  CLINIC_A,
  CLINIC_B,
  NOW,
  PCP_B,
  makePatient,
  seedTwoClinics,
  testDeps,
  userFor,
} from '../../support/network';
import type { RecordingPush } from '../../support/recording-push';

export const pcp = userFor('pcp');
export const bcm = userFor('bcm');
export const psychiatrist = userFor('psychiatrist');
export const admin = userFor('admin');
export const BCM_B = 'user-bcm-b';
export const PSYCHIATRIST_B = 'user-psychiatrist-b';

export interface RegistrySuite {
  deps: Deps;
  push: RecordingPush;
  table: FreshTable;
  patientA: string;
  patientB: string;
  /** Moves the test clock (every read still advances it by a millisecond). */
  setNow(at: Date): void;
  /** A newly registered patient of the clinic. */
  patient(clinicId?: string, familyName?: string): Promise<string>;
  /** Adds a stored membership (and the user, if new). */
  member(userId: string, clinicId: string, role: Role): Promise<void>;
}

/** A valid enrolment in clinic A by the A team (consent given on the referral day). */
export const enrolmentBody = (overrides: Record<string, unknown> = {}) => ({
  referredOn: '2026-11-20',
  consent: {
    obtainedAt: '2026-11-20T17:00:00.000Z',
    method: 'verbal',
    psychiatricConsultationExplained: true,
    costSharingExplained: true,
  },
  bcmId: bcm,
  billingPractitionerId: pcp,
  psychiatristId: psychiatrist,
  diagnoses: [{ code: 'F32.1', label: 'Depression, single episode, moderate' }],
  target: 'PHQ-9 below 10',
  ...overrides,
});

/** The B team's enrolment in clinic B. */
export const enrolmentBodyB = (overrides: Record<string, unknown> = {}) =>
  enrolmentBody({
    bcmId: BCM_B,
    billingPractitionerId: PCP_B,
    psychiatristId: PSYCHIATRIST_B,
    ...overrides,
  });

export const useRegistryApi = (): RegistrySuite => {
  const suite = {} as RegistrySuite;
  let now = NOW;
  beforeAll(async () => {
    const table = await freshTable();
    const base = testDeps(table.store);
    let tick = 0;
    suite.table = table;
    suite.deps = { ...base, clock: { now: () => new Date(now.getTime() + tick++) } };
    suite.push = base.push as RecordingPush;
    suite.setNow = (at) => {
      now = at;
      tick = 0;
    };
    setDeps(suite.deps);
    const seeded = await seedTwoClinics(suite.deps);
    suite.patientA = seeded.patientA.patientId;
    suite.patientB = seeded.patientB.patientId;
    const createdAt = NOW.toISOString();
    suite.member = async (userId, clinicId, role) => {
      if (!(await table.store.users.get(userId))) {
        await table.store.users.put({
          userId,
          displayName: userId,
          email: `${userId}@test.invalid`,
          createdAt,
        });
      }
      await table.store.memberships.put({ userId, clinicId, role, createdAt });
    };
    await suite.member(BCM_B, CLINIC_B, 'bcm');
    await suite.member(PSYCHIATRIST_B, CLINIC_B, 'psychiatrist');
    suite.patient = async (clinicId = CLINIC_A, familyName = 'Fresh') => {
      const p = makePatient(clinicId, suite.deps.ids.next(), familyName);
      await table.store.patients.create(p, {
        eventId: suite.deps.ids.next(),
        at: p.createdAt,
        actorId: 'seed',
        clinicId,
        patientId: p.patientId,
        action: 'patient.create',
        resourceType: 'patient',
        resourceId: p.patientId,
        outcome: 'success',
      });
      return p.patientId;
    };
  });
  afterAll(async () => {
    setDeps(undefined);
    await suite.table.drop();
  });
  return suite;
};

/** Enrols through the route and expects success. */
export const enrol = async (
  patientId: string,
  {
    clinicId = CLINIC_A,
    sub = clinicId === CLINIC_A ? pcp : PCP_B,
    body = clinicId === CLINIC_A ? enrolmentBody() : enrolmentBodyB(),
  }: { clinicId?: string; sub?: string; body?: unknown } = {},
): Promise<EpisodeView> => {
  const reply = await invoke('enrolPatient', { sub, params: { clinicId, patientId }, body });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body as unknown as EpisodeView;
};

export const episodeParams = (
  episode: Pick<EpisodeView, 'clinicId' | 'patientId' | 'episodeId'>,
) => ({
  clinicId: episode.clinicId,
  patientId: episode.patientId,
  episodeId: episode.episodeId,
});

/** Every audit event of the clinic on the test day (all pages). */
export const auditOfDay = async (
  suite: RegistrySuite,
  clinicId: string,
  day = NOW.toISOString().slice(0, 10),
): Promise<AuditEvent[]> => {
  const events: AuditEvent[] = [];
  let cursor: string | undefined;
  do {
    const page = await suite.deps.store.audit.listForClinicDay(clinicId, day, {
      limit: 100,
      ...(cursor === undefined ? {} : { cursor }),
    });
    events.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return events;
};

export { CLINIC_A, CLINIC_B, NOW, PCP_B };
