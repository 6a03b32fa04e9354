import { monotonicFactory } from 'ulid';
import { Role } from '../../functions/contracts/common';
import type { Patient } from '../../functions/contracts/patients';
import { defaultTriageRules } from '../../functions/domain/triage';
import { createLocalMeetings } from '../../functions/adapters/meetings/local';
import type { Deps } from '../../functions/ports/context';
import { recordingPush } from './recording-push';
import type { Store } from '../../functions/ports/store';

export const CLINIC_A = 'clinic-a';
export const CLINIC_B = 'clinic-b';
export const NOW = new Date('2026-11-23T16:00:00.000Z');

/** One user per role, each a member of clinic A only. */
export const userFor = (role: Role) => `user-${role}-a`;
/** A PCP of clinic B, for cross-tenant checks. */
export const PCP_B = 'user-pcp-b';

export const testDeps = (store: Store): Deps => {
  const next = monotonicFactory();
  let tick = 0;
  return {
    store,
    clock: { now: () => new Date(NOW.getTime() + tick++) },
    ids: { next: () => next(NOW.getTime()) },
    meetings: createLocalMeetings(),
    push: recordingPush(),
    log: { warn: () => undefined },
  };
};

export const makePatient = (clinicId: string, patientId: string, familyName: string): Patient => ({
  patientId,
  clinicId,
  givenName: 'Test',
  familyName,
  dateOfBirth: '1980-01-01',
  sexAtBirth: 'unknown',
  preferredLanguage: 'en',
  createdAt: NOW.toISOString(),
  createdBy: 'seed',
});

/** Two clinics with default triage rules, a member per role in A, a PCP in B, a patient in each. */
export const seedTwoClinics = async (deps: Deps) => {
  const { store, ids } = deps;
  const createdAt = NOW.toISOString();
  for (const [clinicId, timeZone] of [
    [CLINIC_A, 'America/Denver'],
    [CLINIC_B, 'America/Chicago'],
  ] as const) {
    await store.clinics.put({
      clinicId,
      networkId: 'test-network',
      name: `Clinic ${clinicId}`,
      timeZone,
      integrationModel: 'collaborative-care',
      triageRuleVersion: 1,
      createdAt,
    });
    await store.clinics.publishTriageRules(
      defaultTriageRules({ clinicId, createdAt, createdBy: 'seed' }),
      1,
    );
  }
  for (const role of Role.options) {
    await store.users.put({
      userId: userFor(role),
      displayName: `A ${role}`,
      email: `${role}@a.invalid`,
      createdAt,
    });
    await store.memberships.put({ userId: userFor(role), clinicId: CLINIC_A, role, createdAt });
  }
  await store.users.put({ userId: PCP_B, displayName: 'B pcp', email: 'pcp@b.invalid', createdAt });
  await store.memberships.put({ userId: PCP_B, clinicId: CLINIC_B, role: 'pcp', createdAt });

  const patientA = makePatient(CLINIC_A, ids.next(), 'Alpha');
  const patientB = makePatient(CLINIC_B, ids.next(), 'Bravo');
  const audit = (p: Patient) => ({
    eventId: ids.next(),
    at: createdAt,
    actorId: 'seed',
    clinicId: p.clinicId,
    patientId: p.patientId,
    action: 'patient.create',
    resourceType: 'patient' as const,
    resourceId: p.patientId,
    outcome: 'success' as const,
  });
  await store.patients.create(patientA, audit(patientA));
  await store.patients.create(patientB, audit(patientB));
  return { patientA, patientB };
};

export const validSubmission = (phq9: number[] = [1, 1, 1, 1, 1, 1, 1, 1, 0]) => ({
  language: 'en',
  responses: [
    { instrument: 'PHQ9', answers: phq9 },
    { instrument: 'GAD7', answers: [1, 1, 1, 1, 1, 1, 1] },
  ],
});
