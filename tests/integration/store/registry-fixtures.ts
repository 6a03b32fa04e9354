/** Builders for registry records: each test states only what it is about. */
import type { CareActivity } from '../../../functions/contracts/activities';
import type { Episode, Recommendation } from '../../../functions/contracts/registry';
import type { Store } from '../../../functions/ports/store';
import { audit, newId, patient } from './fixtures';

export const enrolled = async (store: Store, clinicId: string) => {
  const p = patient(clinicId);
  await store.patients.create(
    p,
    audit(clinicId, { patientId: p.patientId, action: 'patient.create' }),
  );
  return p;
};

export const episode = (
  p: { clinicId: string; patientId: string },
  overrides: Partial<Episode> = {},
): Episode => ({
  episodeId: newId(),
  clinicId: p.clinicId,
  patientId: p.patientId,
  patient: { givenName: 'Ana', familyName: 'Lopez', dateOfBirth: '1980-05-06' },
  status: 'active',
  referredOn: '2026-11-02',
  referredBy: 'pcp-1',
  enrolledAt: '2026-11-03T16:00:00.000Z',
  enrolledBy: 'bcm-1',
  consent: {
    obtainedAt: '2026-11-03T15:55:00.000Z',
    obtainedBy: 'bcm-1',
    method: 'verbal',
    psychiatricConsultationExplained: true,
    costSharingExplained: true,
  },
  bcmId: 'bcm-1',
  billingPractitionerId: 'pcp-1',
  psychiatristId: 'psy-1',
  payer: 'medicare',
  diagnoses: [{ code: 'F32.1', label: 'Major depressive disorder, single episode, moderate' }],
  target: 'PHQ-9 below 5',
  modality: ['behavioral_activation'],
  medications: [],
  baseline: {},
  measures: [],
  contactCount: 0,
  sessionCount: 0,
  minutesByMonth: {},
  version: 0,
  updatedAt: '2026-11-03T16:00:00.000Z',
  ...overrides,
});

export const episodeAudit = (
  e: Pick<Episode, 'clinicId' | 'patientId' | 'episodeId'>,
  action: string,
) =>
  audit(e.clinicId, {
    patientId: e.patientId,
    action,
    resourceType: 'episode',
    resourceId: e.episodeId,
  });

export const activity = (e: Episode, overrides: Partial<CareActivity> = {}): CareActivity => ({
  activityId: newId(),
  clinicId: e.clinicId,
  patientId: e.patientId,
  episodeId: e.episodeId,
  performedBy: e.bcmId,
  role: 'bcm',
  kind: 'call',
  modality: 'phone',
  minutes: 20,
  occurredAt: '2026-11-10T17:00:00.000Z',
  recordedAt: '2026-11-10T17:25:00.000Z',
  source: { manual: true },
  ...overrides,
});

export const recommendation = (
  e: Episode,
  overrides: Partial<Recommendation> = {},
): Recommendation => ({
  recommendationId: newId(),
  clinicId: e.clinicId,
  patientId: e.patientId,
  episodeId: e.episodeId,
  patientLabel: 'Ana L.',
  kind: 'medication_change',
  text: 'Increase sertraline to 100 mg',
  by: e.psychiatristId,
  at: '2026-11-12T18:00:00.000Z',
  to: e.billingPractitionerId,
  status: 'sent',
  version: 0,
  ...overrides,
});

/** The episode as the next save stores it (the service bumps version and updatedAt). */
export const bumped = (e: Episode, changes: Partial<Episode> = {}): Episode => ({
  ...e,
  ...changes,
  version: e.version + 1,
});
