import { describe, expect, it } from 'vitest';
import { PayerProfile } from '../../../../functions/contracts/billing';
import {
  BUILT_IN_PROFILES,
  clinicMonth,
  monthBounds,
} from '../../../../functions/domain/billing/index';
import {
  activity,
  bill,
  type BillingEpisode,
  episode,
  EPISODE,
  idOf,
  lineOf,
  minutesIn,
  PATIENT,
  prior,
  settingsWith,
} from './fixtures';

const consentAt = (obtainedAt: string) => ({ ...episode().consent, obtainedAt });

describe('months in the clinic zone', () => {
  it('2026-12-01T05:30Z is November in America/Denver, December in UTC', () => {
    expect(clinicMonth(new Date('2026-12-01T05:30:00Z'), 'America/Denver')).toBe('2026-11');
    expect(clinicMonth(new Date('2026-12-01T05:30:00Z'), 'UTC')).toBe('2026-12');
  });

  it('month bounds follow the zone (and its DST change on 2026-11-01)', () => {
    expect(monthBounds('2026-11', 'America/Denver')).toEqual({
      start: new Date('2026-11-01T06:00:00Z'),
      end: new Date('2026-12-01T07:00:00Z'),
    });
  });

  it('an activity on the evening of Nov 30 (local) bills in November, not December', () => {
    const evening = activity({ minutes: 40, occurredAt: '2026-12-01T05:30:00.000Z' });
    const morning = activity({ minutes: 20, occurredAt: '2026-11-01T05:30:00.000Z' });
    const november = lineOf({ activities: [evening, morning] });
    expect(november.countedMinutes).toBe(40);
    expect(november.codes).toEqual([{ code: '99492', units: 1 }]);
    const december = lineOf({
      month: '2026-12',
      activities: [evening, morning],
      now: new Date('2026-12-10T00:00:00Z'),
    });
    expect(december.countedMinutes).toBe(0);
    const october = lineOf({ month: '2026-10', activities: [evening, morning] });
    expect(october.countedMinutes).toBe(20);
  });
});

describe('consent', () => {
  it('no documented consent: nothing counts, the line is gated with a reason', () => {
    const line = lineOf({
      episodes: [{ ...episode(), consent: undefined }],
      activities: minutesIn(40),
    });
    expect(line.countedMinutes).toBe(0);
    expect(line.codes).toEqual([]);
    expect(line.gates.map((gate) => gate.kind)).toEqual(['consent_missing']);
    expect(line.excluded).toEqual([
      expect.objectContaining({ reason: 'before_consent', minutes: 40 }),
    ]);
  });

  it('consent documented after the month: gated, every minute before it', () => {
    const line = lineOf({
      episodes: [episode({ consent: consentAt('2026-12-02T16:00:00.000Z') })],
      activities: minutesIn(40),
    });
    expect(line.gates[0]?.kind).toBe('consent_missing');
    expect(line.countedMinutes).toBe(0);
  });

  it('consent in the month: minutes before it are excluded, a straddling activity counts its part after', () => {
    const line = lineOf({
      episodes: [episode({ consent: consentAt('2026-11-15T16:10:00.000Z') })],
      activities: [
        activity({ minutes: 20, occurredAt: '2026-11-10T16:00:00.000Z' }),
        activity({ minutes: 30, occurredAt: '2026-11-15T16:00:00.000Z' }),
        activity({ minutes: 16, occurredAt: '2026-11-20T16:00:00.000Z' }),
      ],
    });
    expect(line.countedMinutes).toBe(36);
    expect(line.codes).toEqual([{ code: '99492', units: 1 }]);
    expect(line.gates).toEqual([]);
    expect(line.excluded).toEqual([
      expect.objectContaining({ reason: 'before_consent', minutes: 30 }),
    ]);
  });
});

describe('gates', () => {
  it('no billing practitioner: gated and grouped last', () => {
    const other: BillingEpisode = {
      ...episode({ episodeId: idOf('01JBEPS', 2), patientId: idOf('01JBPAT', 2) }),
      billingPractitionerId: undefined,
    };
    const sheet = bill({
      episodes: [other, episode()],
      activities: [
        ...minutesIn(40),
        ...minutesIn(40, '2026-11', {
          patientId: idOf('01JBPAT', 2),
          episodeId: idOf('01JBEPS', 2),
        }),
      ],
    });
    expect(sheet.groups.map((group) => group.billingPractitionerId)).toEqual(['pcp-1', null]);
    const gated = sheet.groups[1]?.lines[0];
    expect(gated?.gates.map((gate) => gate.kind)).toEqual(['no_billing_practitioner']);
    expect(gated?.codes).toEqual([]);
    expect(gated?.earnedCodes).toEqual([{ code: '99492', units: 1 }]);
    expect(sheet.totals).toMatchObject({ patients: 2, billableLines: 1, gatedLines: 1 });
    expect(sheet.totals.units).toEqual({ '99492': 1 });
  });

  // The year runs back from the referral (2026-10-01), the start of CoCM care, not from the
  // billed month (2026-11): 364 and 365 days before it are within the year, 366 is not.
  it.each([
    [undefined, true],
    ['2025-10-02', false],
    ['2025-10-01', false],
    ['2025-09-30', true],
    ['2026-11-20', false],
  ])(
    'referred 2026-10-01, last seen by the billing practitioner on %s → initiating visit needed: %s',
    (seen, needed) => {
      const line = lineOf({
        episodes: [{ ...episode(), lastSeenByBillingPractitionerOn: seen }],
        activities: minutesIn(40),
      });
      expect(line.gates.some((gate) => gate.kind === 'initiating_visit_needed')).toBe(needed);
      expect(line.codes).toEqual(needed ? [] : [{ code: '99492', units: 1 }]);
      expect(line.countedMinutes).toBe(40);
    },
  );

  it('a visit within the year before the referral stays valid in months more than a year later', () => {
    const line = lineOf({
      month: '2027-12',
      now: new Date('2028-01-10T12:00:00.000Z'),
      episodes: [{ ...episode(), lastSeenByBillingPractitionerOn: '2025-10-15' }],
      activities: minutesIn(40, '2027-12'),
    });
    expect(line.gates).toEqual([]);
  });

  it('the year before a referral on 29 February ends on 28 February', () => {
    const referred = { ...episode(), referredOn: '2028-02-29' };
    const gated = (seen: string) =>
      lineOf({
        month: '2028-03',
        now: new Date('2028-04-10T12:00:00.000Z'),
        episodes: [{ ...referred, lastSeenByBillingPractitionerOn: seen }],
        activities: minutesIn(40, '2028-03'),
      }).gates.some((gate) => gate.kind === 'initiating_visit_needed');
    expect(gated('2027-02-28')).toBe(false);
    expect(gated('2027-02-27')).toBe(true);
  });
});

describe('what counts', () => {
  it('psychiatric consultant time is recorded but not counted by default', () => {
    const review = activity({
      performedBy: 'psy-1',
      role: 'psychiatrist',
      kind: 'case_review',
      minutes: 40,
    });
    const line = lineOf({ activities: [review] });
    expect(line.countedMinutes).toBe(0);
    expect(line.excluded).toEqual([
      expect.objectContaining({
        reason: 'role_not_counted',
        minutes: 40,
        activityIds: [review.activityId],
      }),
    ]);
  });

  it('a payer profile that counts the whole triad counts it', () => {
    const medicare = BUILT_IN_PROFILES.find((profile) => profile.id === 'medicare');
    const triad = PayerProfile.parse({
      ...medicare,
      id: 'bcbs-triad',
      label: 'Commercial (triad time counts)',
      countedRoles: ['bcm', 'pcp', 'psychiatrist'],
    });
    const line = lineOf({
      settings: settingsWith({ customProfiles: [triad], profiles: { commercial: 'bcbs-triad' } }),
      episodes: [episode({ payer: 'commercial' })],
      activities: [
        activity({ performedBy: 'psy-1', role: 'psychiatrist', kind: 'case_review', minutes: 40 }),
      ],
    });
    expect(line.profileId).toBe('bcbs-triad');
    expect(line.countedMinutes).toBe(40);
    expect(line.minutesByRole).toEqual({ psychiatrist: 40 });
    expect(line.codes).toEqual([{ code: '99492', units: 1 }]);
  });

  it('an unknown profile override falls back to the default for the payer', () => {
    const line = lineOf({
      settings: settingsWith({ profiles: { medicare: 'gone' } }),
      activities: minutesIn(20),
    });
    expect(line.profileId).toBe('medicare');
  });

  it('time billed as a separate service (therapy) is excluded with its code', () => {
    const therapy = activity({ kind: 'visit', minutes: 45, separatelyBilledAs: '90834' });
    const line = lineOf({
      activities: [therapy, activity({ minutes: 20, occurredAt: '2026-11-11T16:00:00.000Z' })],
    });
    expect(line.countedMinutes).toBe(20);
    expect(line.codes).toEqual([{ code: 'G2214', units: 1 }]);
    expect(line.excluded).toEqual([
      {
        reason: 'separately_billed',
        minutes: 45,
        detail: 'billed as a separate service (90834)',
        activityIds: [therapy.activityId],
      },
    ]);
  });

  it('a kind the profile does not count is excluded', () => {
    const profile = PayerProfile.parse({
      ...BUILT_IN_PROFILES[0],
      id: 'contacts-only',
      countedKinds: ['visit', 'call', 'video'],
    });
    const line = lineOf({
      settings: settingsWith({
        customProfiles: [profile],
        profiles: { medicare: 'contacts-only' },
      }),
      activities: [activity({ kind: 'outreach', minutes: 20 }), ...minutesIn(20)],
    });
    expect(line.countedMinutes).toBe(20);
    expect(line.excluded.map((entry) => entry.reason)).toEqual(['kind_not_counted']);
  });

  it("one person's overlapping minutes count once; back-to-back and two people both count", () => {
    const a = activity({ minutes: 30, occurredAt: '2026-11-10T16:00:00.000Z' });
    const b = activity({ minutes: 30, occurredAt: '2026-11-10T16:15:00.000Z' });
    const c = activity({ minutes: 10, occurredAt: '2026-11-10T16:45:00.000Z' });
    const pcp = activity({
      performedBy: 'pcp-1',
      role: 'pcp',
      minutes: 30,
      occurredAt: '2026-11-10T16:00:00.000Z',
    });
    const line = lineOf({ activities: [a, b, c, pcp] });
    expect(line.countedMinutes).toBe(55 + 30);
    expect(line.minutesByRole).toEqual({ bcm: 55, pcp: 30 });
    expect(line.excluded).toEqual([
      expect.objectContaining({
        reason: 'overlap',
        minutes: 15,
        activityIds: [a.activityId, b.activityId],
      }),
    ]);
  });

  it("ignores other months' and other clinics' activities", () => {
    const line = lineOf({
      activities: [
        ...minutesIn(20),
        activity({ clinicId: 'other-clinic', minutes: 30 }),
        activity({ occurredAt: '2026-10-10T16:00:00.000Z' }),
      ],
    });
    expect(line.countedMinutes).toBe(20);
  });
});

describe('episode rules', () => {
  it('first month = the first calendar month with counted minutes (not the referral month)', () => {
    expect(lineOf({ activities: minutesIn(40) }).monthOfEpisode).toBe('first');
    const afterSmallMonth = lineOf({ activities: minutesIn(40), history: [prior('2026-10', 10)] });
    expect(afterSmallMonth.monthOfEpisode).toBe('later');
    expect(afterSmallMonth.codes).toEqual([{ code: '99493', units: 1 }]);
    const afterEmptyMonth = lineOf({ activities: minutesIn(40), history: [prior('2026-10', 0)] });
    expect(afterEmptyMonth.codes).toEqual([{ code: '99492', units: 1 }]);
  });

  it('a later month recomputed never turns into a first month because of later history', () => {
    const line = lineOf({ activities: minutesIn(40), history: [prior('2026-12', 50)] });
    expect(line.codes).toEqual([{ code: '99492', units: 1 }]);
  });

  const previous = (lastServiceAt: string, month: string) => ({
    episode: episode({
      episodeId: idOf('01JBEPS', 9),
      status: 'discharged',
      referredOn: '2026-01-05',
      lastServiceAt,
      discharge: { reason: 'goals_met', at: lastServiceAt, by: 'bcm-1' },
    }),
    history: [
      prior(month, 50, { episodeId: idOf('01JBEPS', 9), codes: [{ code: '99493', units: 1 }] }),
    ],
  });

  it.each([
    ['2026-06-10T16:00:00.000Z', '2026-06', '99493', 'later'],
    ['2026-05-10T16:00:00.000Z', '2026-05', '99493', 'later'],
    ['2026-04-10T16:00:00.000Z', '2026-04', '99492', 'first'],
  ] as const)(
    'a re-enrolment after service ending %s continues the old episode unless 6 months passed',
    (lastServiceAt, month, code, monthOfEpisode) => {
      const old = previous(lastServiceAt, month);
      const line = lineOf({
        episodes: [old.episode, episode({ referredOn: '2026-11-02' })],
        activities: minutesIn(40),
        history: old.history,
      });
      expect(line.episodeId).toBe(EPISODE);
      expect(line.monthOfEpisode).toBe(monthOfEpisode);
      expect(line.codes).toEqual([{ code, units: 1 }]);
    },
  );

  it('the gap follows the payer profile (newEpisodeAfterMonths)', () => {
    const medicare = BUILT_IN_PROFILES.find((profile) => profile.id === 'medicare');
    const short = PayerProfile.parse({ ...medicare, id: 'short-gap', newEpisodeAfterMonths: 3 });
    const old = previous('2026-06-10T16:00:00.000Z', '2026-06');
    const line = lineOf({
      settings: settingsWith({ customProfiles: [short], profiles: { medicare: 'short-gap' } }),
      episodes: [old.episode, episode({ referredOn: '2026-11-02' })],
      activities: minutesIn(40),
      history: old.history,
    });
    expect(line.codes).toEqual([{ code: '99492', units: 1 }]);
  });

  it('a discharge and re-enrolment in one month bill the month once, on the new episode', () => {
    const old = episode({
      episodeId: idOf('01JBEPS', 9),
      status: 'discharged',
      referredOn: '2026-06-01',
      discharge: { reason: 'referred_out', at: '2026-11-05T16:00:00.000Z', by: 'bcm-1' },
    });
    const line = lineOf({
      episodes: [old, episode({ referredOn: '2026-11-20' })],
      activities: [
        activity({ episodeId: old.episodeId, minutes: 20, occurredAt: '2026-11-03T16:00:00.000Z' }),
        activity({ minutes: 20, occurredAt: '2026-11-21T16:00:00.000Z' }),
      ],
      history: [prior('2026-10', 40, { episodeId: old.episodeId })],
    });
    expect(line.episodeId).toBe(EPISODE);
    expect(line.countedMinutes).toBe(40);
    expect(line.codes).toEqual([{ code: '99493', units: 1 }]);
  });

  it('no line for an episode discharged before the month or referred after it', () => {
    const sheet = bill({
      episodes: [
        episode({
          status: 'discharged',
          discharge: { reason: 'lapsed', at: '2026-10-20T16:00:00.000Z', by: 'bcm-1' },
        }),
        episode({
          patientId: idOf('01JBPAT', 3),
          episodeId: idOf('01JBEPS', 3),
          referredOn: '2026-12-01',
        }),
      ],
    });
    expect(sheet.groups).toEqual([]);
    expect(sheet.totals.patients).toBe(0);
  });
});

describe('the worksheet', () => {
  it('groups by billing practitioner, totals units and estimated revenue from the rate table', () => {
    const patientB = idOf('01JBPAT', 2);
    const episodeB = idOf('01JBEPS', 2);
    const sheet = bill({
      settings: settingsWith({ rates: { year: 2026, cents: { '99492': 16500, '99494': 6500 } } }),
      episodes: [
        episode({ patient: { givenName: 'Zoe', familyName: 'Young', dateOfBirth: '1980-01-01' } }),
        episode({ patientId: patientB, episodeId: episodeB, billingPractitionerId: 'pcp-2' }),
      ],
      activities: [
        ...minutesIn(90),
        ...minutesIn(36, '2026-11', { patientId: patientB, episodeId: episodeB }),
      ],
    });
    expect(sheet.groups.map((group) => group.billingPractitionerId)).toEqual(['pcp-1', 'pcp-2']);
    expect(sheet.groups[0]?.totals.units).toEqual({ '99492': 1, '99494': 1 });
    expect(sheet.totals.units).toEqual({ '99492': 2, '99494': 1 });
    expect(sheet.totals.estimatedRevenueCents).toBe(2 * 16500 + 6500);
    expect(sheet.totals.countedMinutes).toBe(126);
    expect(sheet.rateYear).toBe(2026);
    expect(sheet.groups[0]?.lines[0]).toMatchObject({
      lineId: `2026-11~${EPISODE}`,
      patientId: PATIENT,
      diagnosisCodes: ['F32.1'],
      billingPractitionerId: 'pcp-1',
    });
  });

  it('orders lines by patient name within a group', () => {
    const sheet = bill({
      episodes: [
        episode({ patient: { givenName: 'Zoe', familyName: 'Young', dateOfBirth: '1980-01-01' } }),
        episode({
          patientId: idOf('01JBPAT', 2),
          episodeId: idOf('01JBEPS', 2),
          patient: { givenName: 'Al', familyName: 'Baker', dateOfBirth: '1980-01-01' },
        }),
      ],
    });
    expect(sheet.groups[0]?.lines.map((line) => line.patient.familyName)).toEqual([
      'Baker',
      'Young',
    ]);
  });
});
