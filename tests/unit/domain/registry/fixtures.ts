import type { CareActivity } from '../../../../functions/contracts/activities';
import {
  defaultRegistrySettings,
  Episode,
  type Measure,
} from '../../../../functions/contracts/registry';
import type { ScreeningResult } from '../../../../functions/contracts/screenings';
import type { FlagSettings } from '../../../../functions/domain/registry';

export const ZONE = 'America/Denver';
export const DAY = 24 * 60 * 60 * 1000;

/** Valid ULIDs (digits only) told apart by `n`. */
export const ulid = (n: number): string => `01J${String(n).padStart(23, '0')}`;

/** An active, freshly enrolled episode (referred 2026-03-02 in Denver, no contact yet); validated by the contract. */
export const episode = (overrides: Partial<Episode> = {}): Episode =>
  Episode.parse({
    episodeId: ulid(1),
    clinicId: 'clinic-one',
    patientId: ulid(2),
    patient: { givenName: 'Ana', familyName: 'Diaz', dateOfBirth: '1980-05-01' },
    status: 'active',
    referredOn: '2026-03-02',
    referredBy: 'pcp-1',
    enrolledAt: '2026-03-02T16:00:00.000Z',
    enrolledBy: 'bcm-1',
    consent: {
      obtainedAt: '2026-03-02T15:50:00.000Z',
      obtainedBy: 'bcm-1',
      method: 'verbal',
      psychiatricConsultationExplained: true,
      costSharingExplained: true,
    },
    bcmId: 'bcm-1',
    billingPractitionerId: 'pcp-1',
    psychiatristId: 'psy-1',
    payer: 'medicare',
    diagnoses: [{ code: 'F32.1', label: 'Depression, single episode, moderate' }],
    target: '',
    modality: [],
    medications: [],
    baseline: {},
    measures: [],
    contactCount: 0,
    sessionCount: 0,
    minutesByMonth: {},
    version: 1,
    updatedAt: '2026-03-02T16:00:00.000Z',
    ...overrides,
  });

export const settings = (overrides: Partial<FlagSettings> = {}): FlagSettings => ({
  ...defaultRegistrySettings(),
  sessionCap: 10,
  sessionReasonFrom: 12,
  ...overrides,
});

export const phq9 = (score: number, at: string, id = 10): Measure => ({
  instrument: 'phq9',
  score,
  at,
  screeningId: ulid(id),
});

export const activity = (overrides: Partial<CareActivity> = {}): CareActivity => ({
  activityId: ulid(50),
  clinicId: 'clinic-one',
  patientId: ulid(2),
  episodeId: ulid(1),
  performedBy: 'bcm-1',
  role: 'bcm',
  kind: 'call',
  minutes: 20,
  occurredAt: '2026-03-05T17:00:00.000Z',
  recordedAt: '2026-03-05T17:30:00.000Z',
  source: { manual: true },
  ...overrides,
});

const nineAnswers = (total: number, item9: number): number[] => {
  const answers = [0, 0, 0, 0, 0, 0, 0, 0, item9];
  let left = total - item9;
  for (let i = 0; i < 8 && left > 0; i += 1) {
    answers[i] = Math.min(3, left);
    left -= answers[i] ?? 0;
  }
  return answers;
};

/** A stored screening with a PHQ-9 (and optionally a GAD-7 and a C-SSRS level). */
export const screening = (options: {
  id: number;
  at: string;
  phq9?: { total: number; item9?: number };
  gad7?: number;
  cssrs?: 'none' | 'low' | 'moderate' | 'high';
}): ScreeningResult => ({
  screeningId: ulid(options.id),
  clinicId: 'clinic-one',
  patientId: ulid(2),
  language: 'en',
  completedAt: options.at,
  submittedBy: 'tablet-1',
  scores: [
    ...(options.phq9
      ? [
          {
            instrument: 'PHQ9' as const,
            answers: nineAnswers(options.phq9.total, options.phq9.item9 ?? 0),
            total: options.phq9.total,
            maxTotal: 27,
            band: 'x',
            bandLabel: 'x',
          },
        ]
      : []),
    ...(options.gad7 !== undefined
      ? [
          {
            instrument: 'GAD7' as const,
            answers: [options.gad7, 0, 0, 0, 0, 0, 0],
            total: options.gad7,
            maxTotal: 21,
            band: 'x',
            bandLabel: 'x',
          },
        ]
      : []),
  ],
  ...(options.cssrs
    ? {
        screens: [
          {
            instrument: 'CSSRS' as const,
            answers: {},
            band: options.cssrs,
            bandLabel: options.cssrs,
            positive: options.cssrs !== 'none',
            risk: options.cssrs,
          },
        ],
      }
    : {}),
  flags: [],
  disposition: {} as ScreeningResult['disposition'],
  triageRuleVersion: 1,
  triageInputs: {} as ScreeningResult['triageInputs'],
});

export const at = (iso: string, plusMs = 0): Date => new Date(new Date(iso).getTime() + plusMs);
