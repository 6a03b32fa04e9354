import { describe, expect, it } from 'vitest';
import type { ScreeningResult } from '../../../../functions/contracts/screenings';
import {
  bhContacts,
  isPositiveScreen,
  screenToContact,
} from '../../../../functions/domain/outcomes';
import { ZONE, activity } from '../registry/fixtures';

const screen = (
  scores: { instrument: 'PHQ9' | 'GAD7'; total: number }[],
  code: ScreeningResult['disposition']['code'] = 'none',
) => ({
  scores: scores.map((s) => ({ ...s, answers: [], maxTotal: 27, band: 'x', bandLabel: 'x' })),
  disposition: { code } as ScreeningResult['disposition'],
});

describe('isPositiveScreen', () => {
  it.each([
    { name: 'PHQ-9 9', s: screen([{ instrument: 'PHQ9', total: 9 }]), positive: false },
    { name: 'PHQ-9 10', s: screen([{ instrument: 'PHQ9', total: 10 }]), positive: true },
    { name: 'GAD-7 9', s: screen([{ instrument: 'GAD7', total: 9 }]), positive: false },
    { name: 'GAD-7 10', s: screen([{ instrument: 'GAD7', total: 10 }]), positive: true },
    {
      name: 'low scores, BH offered',
      s: screen([{ instrument: 'PHQ9', total: 4 }], 'offer_bh'),
      positive: true,
    },
    {
      name: 'low scores, PCP addresses',
      s: screen([{ instrument: 'PHQ9', total: 6 }], 'pcp_addresses'),
      positive: false,
    },
  ])('$name → $positive', ({ s, positive }) => {
    expect(isPositiveScreen(s)).toBe(positive);
  });
});

describe('screen to first BH contact', () => {
  const p = (n: number) => `patient-${n}`;

  it('counts BCM and psychiatrist contacts and arrived visits, not the PCP, outreach or a no-show', () => {
    const contacts = bhContacts(
      [
        activity({
          patientId: p(1),
          role: 'pcp',
          kind: 'visit',
          occurredAt: '2026-03-03T16:00:00.000Z',
        }),
        activity({ patientId: p(1), kind: 'outreach', occurredAt: '2026-03-04T16:00:00.000Z' }),
        activity({ patientId: p(1), kind: 'call', occurredAt: '2026-03-09T16:00:00.000Z' }),
      ],
      [
        {
          patientId: p(2),
          startsAt: '2026-03-05T16:00:00.000Z',
          status: 'booked',
          attendance: 'no-show',
        },
        {
          patientId: p(2),
          startsAt: '2026-03-06T16:00:00.000Z',
          status: 'booked',
          attendance: 'arrived',
        },
      ],
    );
    expect(contacts).toEqual([
      { patientId: p(1), at: '2026-03-09T16:00:00.000Z' },
      { patientId: p(2), at: '2026-03-06T16:00:00.000Z' },
    ]);
  });

  it('measures clinic calendar days from the first positive screen to the first contact after it', () => {
    const waits = screenToContact(
      [
        { patientId: p(1), at: '2026-03-02T16:00:00.000Z' },
        { patientId: p(1), at: '2026-03-01T16:00:00.000Z' },
        // 23:30 on 2 March in Denver; the contact is 00:30 on 3 March there: one day later.
        { patientId: p(2), at: '2026-03-03T06:30:00.000Z' },
        { patientId: p(3), at: '2026-03-02T16:00:00.000Z' },
      ],
      [
        { patientId: p(1), at: '2026-02-27T16:00:00.000Z' },
        { patientId: p(1), at: '2026-03-09T16:00:00.000Z' },
        { patientId: p(1), at: '2026-03-05T16:00:00.000Z' },
        { patientId: p(2), at: '2026-03-03T07:30:00.000Z' },
      ],
      ZONE,
    );
    expect(waits).toEqual([
      {
        patientId: p(1),
        screenedAt: '2026-03-01T16:00:00.000Z',
        contactAt: '2026-03-05T16:00:00.000Z',
        days: 4,
      },
      {
        patientId: p(2),
        screenedAt: '2026-03-03T06:30:00.000Z',
        contactAt: '2026-03-03T07:30:00.000Z',
        days: 1,
      },
      { patientId: p(3), screenedAt: '2026-03-02T16:00:00.000Z', contactAt: null, days: null },
    ]);
  });
});
