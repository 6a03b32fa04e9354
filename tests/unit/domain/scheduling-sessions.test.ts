import { describe, expect, it } from 'vitest';
import { countSessions, sessionDecision } from '../../../functions/domain/scheduling';

type Visit = Parameters<typeof countSessions>[0][number];
const visit = (startsAt: string, overrides: Partial<Visit> = {}): Visit => ({
  status: 'booked',
  visitType: 'follow-up',
  startsAt,
  ...overrides,
});

describe('sessions per episode', () => {
  it('counts non-cancelled visits from the first intake on', () => {
    const result = countSessions([
      visit('2026-01-01T15:00:00.000Z'), // before the intake: another episode
      visit('2026-02-01T15:00:00.000Z', { visitType: 'intake' }),
      visit('2026-02-08T15:00:00.000Z'),
      visit('2026-02-15T15:00:00.000Z', { status: 'cancelled' }),
      visit('2026-02-22T15:00:00.000Z', { status: 'rescheduled' }),
      visit('2026-03-01T15:00:00.000Z', { attendance: 'no-show' }),
      visit('2026-03-08T15:00:00.000Z', { attendance: 'cancelled-late' }),
      visit('2026-03-15T15:00:00.000Z', { attendance: 'arrived' }),
    ]);
    expect(result).toEqual({ count: 3, since: '2026-02-01T15:00:00.000Z' });
  });

  it('counts every visit when there is no intake yet, and ignores a cancelled intake', () => {
    expect(
      countSessions([
        visit('2026-02-01T15:00:00.000Z', { visitType: 'intake', status: 'cancelled' }),
        visit('2026-02-08T15:00:00.000Z'),
      ]),
    ).toEqual({ count: 1, since: null });
  });

  it('warns from the cap and requires a reason from the threshold', () => {
    const settings = { sessionCap: 10, sessionReasonFrom: 12 };
    expect(sessionDecision(9, settings)).toEqual({ reasonRequired: false });
    expect(sessionDecision(10, settings)).toMatchObject({
      reasonRequired: false,
      warning: expect.stringMatching(/cap is 10/),
    });
    expect(sessionDecision(11, settings).reasonRequired).toBe(false);
    expect(sessionDecision(12, settings)).toMatchObject({
      reasonRequired: true,
      warning: expect.stringMatching(/reason/),
    });
  });
});
