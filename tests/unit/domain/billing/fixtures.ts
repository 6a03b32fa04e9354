import type { CareActivity } from '../../../../functions/contracts/activities';
import {
  type BillingSettings,
  BillingSettings as BillingSettingsSchema,
  type PriorMonth,
} from '../../../../functions/contracts/billing';
import { Episode } from '../../../../functions/contracts/registry';
import type { BillingEpisode } from '../../../../functions/domain/billing/index';
import { type BillMonthInput, billMonth } from '../../../../functions/domain/billing/index';

export const CLINIC = 'pine-ridge';
export const ZONE = 'America/Denver';
/** A ULID-shaped id (Crockford base32, 26 chars). */
export const idOf = (prefix: string, n: number): string =>
  `${prefix}${String(n).padStart(26 - prefix.length, '0')}`;
export const PATIENT = idOf('01JBPAT', 1);
export const EPISODE = idOf('01JBEPS', 1);

let counter = 0;
/** A fresh activity id. */
export const ulid = (): string => {
  counter += 1;
  return idOf('01JCACT', counter);
};

/** A full, schema-valid episode (so the engine is tested on what the registry stores). */
export const episode = (overrides: Partial<Episode> = {}): Episode =>
  Episode.parse({
    episodeId: EPISODE,
    clinicId: CLINIC,
    patientId: PATIENT,
    patient: { givenName: 'Ana', familyName: 'Reyes', dateOfBirth: '1970-04-02', mrn: 'MRN-1' },
    status: 'active',
    referredOn: '2026-10-01',
    referredBy: 'pcp-1',
    enrolledAt: '2026-10-01T15:00:00.000Z',
    enrolledBy: 'pcp-1',
    consent: {
      obtainedAt: '2026-10-01T15:00:00.000Z',
      obtainedBy: 'pcp-1',
      method: 'verbal',
      psychiatricConsultationExplained: true,
      costSharingExplained: true,
    },
    bcmId: 'bcm-1',
    billingPractitionerId: 'pcp-1',
    psychiatristId: 'psy-1',
    payer: 'medicare',
    lastSeenByBillingPractitionerOn: '2026-09-15',
    diagnoses: [{ code: 'F32.1', label: 'Major depressive disorder, single episode, moderate' }],
    target: '',
    modality: [],
    medications: [],
    baseline: {},
    measures: [],
    contactCount: 0,
    sessionCount: 0,
    minutesByMonth: {},
    version: 1,
    updatedAt: '2026-10-01T15:00:00.000Z',
    ...overrides,
  });

export const activity = (overrides: Partial<CareActivity> = {}): CareActivity => ({
  activityId: ulid(),
  clinicId: CLINIC,
  patientId: PATIENT,
  episodeId: EPISODE,
  performedBy: 'bcm-1',
  role: 'bcm',
  kind: 'call',
  minutes: 30,
  occurredAt: '2026-11-10T16:00:00.000Z',
  recordedAt: '2026-11-10T17:00:00.000Z',
  source: { manual: true },
  ...overrides,
});

/**
 * `total` minutes by one BCM in November 2026, as back-to-back calls of at most 60 minutes
 * (half-open intervals: no overlap), each on its own day.
 */
export const minutesIn = (
  total: number,
  month = '2026-11',
  overrides: Partial<CareActivity> = {},
): CareActivity[] => {
  const list: CareActivity[] = [];
  for (let day = 2, left = total; left > 0; day += 1) {
    const minutes = Math.min(60, left);
    list.push(
      activity({
        minutes,
        occurredAt: `${month}-${String(day).padStart(2, '0')}T16:00:00.000Z`,
        ...overrides,
      }),
    );
    left -= minutes;
  }
  return list;
};

export const settingsWith = (overrides: Partial<BillingSettings> = {}): BillingSettings =>
  BillingSettingsSchema.parse(overrides);

export const prior = (month: string, countedMinutes: number, overrides: Partial<PriorMonth> = {}) =>
  ({
    patientId: PATIENT,
    episodeId: EPISODE,
    month,
    countedMinutes,
    codes: [],
    ...overrides,
  }) satisfies PriorMonth;

export const bill = (overrides: Partial<BillMonthInput> = {}) =>
  billMonth({
    clinicId: CLINIC,
    timeZone: ZONE,
    settings: settingsWith(),
    month: '2026-11',
    episodes: [episode()],
    activities: [],
    history: [],
    now: new Date('2026-11-23T15:00:00.000Z'),
    ...overrides,
  });

/** The single line of a one-patient worksheet. */
export const lineOf = (overrides: Partial<BillMonthInput> = {}) => {
  const lines = bill(overrides).groups.flatMap((group) => group.lines);
  if (lines.length !== 1) throw new Error(`expected one line, got ${lines.length}`);
  const [line] = lines;
  if (!line) throw new Error('no line');
  return line;
};

export type { BillingEpisode };
