/**
 * Scheduling API tests: two clinics in two zones (A Denver, B Chicago), the test network's users,
 * the BCM of A also a BCM of B, clinic A's admin, a movable clock, and a week of templates.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { Slot } from '../../../functions/contracts/scheduling';
import {
  defaultClinicSchedulingSettings,
  type ScheduleTemplate,
} from '../../../functions/contracts/scheduling';
import { defaultTemplateBlocks } from '../../../functions/domain/scheduling';
import { setDeps } from '../../../functions/platform/container';
import type { Deps } from '../../../functions/ports/context';
import { generateSlots } from '../../../functions/services/scheduling-jobs';
import { invoke } from '../../support/api';
import { freshTable, type FreshTable } from '../../support/dynamodb';
import {
  CLINIC_A,
  CLINIC_B,
  NOW,
  makePatient,
  seedTwoClinics,
  testDeps,
  userFor,
} from '../../support/network';

export const bcm = userFor('bcm');
export const ma = userFor('ma');
export const pcp = userFor('pcp');
export const admin = userFor('admin');
/** Clinic B's admin (clinic A's admin may not configure B). */
export const ADMIN_B = 'user-admin-b';

export const morning = defaultTemplateBlocks(defaultClinicSchedulingSettings()).filter(
  (b) => b.start < '12:00',
);
export const afternoon = defaultTemplateBlocks(defaultClinicSchedulingSettings()).filter(
  (b) => b.start >= '12:00',
);

export interface SchedulingSuite {
  deps: Deps;
  table: FreshTable;
  patientA: string;
  patientB: string;
  /** Moves the test clock (every read still advances it by a millisecond). */
  setNow(at: Date): void;
  patient(clinicId?: string, familyName?: string): Promise<string>;
  generate(): Promise<void>;
}

/** Morning in A (Denver) and afternoon in B (Chicago) on Mon-Fri for the shared BCM. */
export const weekTemplates = (): {
  a: Omit<ScheduleTemplate, 'clinicId'>[];
  b: Omit<ScheduleTemplate, 'clinicId'>[];
} => ({
  a: [1, 2, 3, 4, 5].map((weekday) => ({
    providerId: bcm,
    weekday,
    blocks: morning,
    effectiveFrom: '2026-01-01',
  })),
  b: [1, 2, 3, 4, 5].map((weekday) => ({
    providerId: bcm,
    weekday,
    blocks: afternoon,
    effectiveFrom: '2026-01-01',
  })),
});

export const useSchedulingApi = (): SchedulingSuite => {
  const suite = {} as SchedulingSuite;
  let now = NOW;
  beforeAll(async () => {
    const table = await freshTable();
    const base = testDeps(table.store);
    let tick = 0;
    suite.table = table;
    suite.deps = { ...base, clock: { now: () => new Date(now.getTime() + tick++) } };
    suite.setNow = (at) => {
      now = at;
      tick = 0;
    };
    setDeps(suite.deps);
    const seeded = await seedTwoClinics(suite.deps);
    suite.patientA = seeded.patientA.patientId;
    suite.patientB = seeded.patientB.patientId;
    const createdAt = NOW.toISOString();
    await table.store.memberships.put({ userId: bcm, clinicId: CLINIC_B, role: 'bcm', createdAt });
    await table.store.users.put({
      userId: ADMIN_B,
      displayName: 'B admin',
      email: 'admin@b.invalid',
      createdAt,
    });
    await table.store.memberships.put({
      userId: ADMIN_B,
      clinicId: CLINIC_B,
      role: 'admin',
      createdAt,
    });
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
    suite.generate = async () => {
      await generateSlots(suite.deps, suite.deps.clock.now());
    };
    const { a, b } = weekTemplates();
    for (const body of a) {
      const reply = await invoke('saveScheduleTemplate', {
        sub: admin,
        params: { clinicId: CLINIC_A },
        body,
      });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    }
    for (const body of b) {
      const reply = await invoke('saveScheduleTemplate', {
        sub: ADMIN_B,
        params: { clinicId: CLINIC_B },
        body,
      });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    }
    await suite.generate();
  });
  afterAll(async () => {
    setDeps(undefined);
    await suite.table.drop();
  });
  return suite;
};

export const dayOf = async (clinicId: string, date: string, sub = ma): Promise<Slot[]> => {
  const reply = await invoke('getClinicSchedule', {
    sub,
    params: { clinicId },
    query: { date },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.items as Slot[];
};

/** The first slot of `kind` on a date (Tuesday 2026-11-24 by default: all in the future). */
export const slotOf = async (
  kind: Slot['kind'],
  clinicId = CLINIC_A,
  date = '2026-11-24',
  nth = 0,
): Promise<Slot> => {
  const found = (await dayOf(clinicId, date, clinicId === CLINIC_A ? ma : 'user-pcp-b')).filter(
    (s) => s.kind === kind,
  )[nth];
  if (!found) throw new Error(`no ${kind} slot on ${date} in ${clinicId}`);
  return found;
};

export { CLINIC_A, CLINIC_B, NOW };
