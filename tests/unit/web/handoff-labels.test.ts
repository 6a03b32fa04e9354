import { describe, expect, it } from 'vitest';
import {
  formatAge,
  formatAgo,
  formatSeconds,
  proposedMinutes,
} from '../../../web/lib/handoff/labels';

const at = (iso: string) => Date.parse(iso);

describe('proposed care-management minutes', () => {
  it('counts from both sides on video to the end, rounded up', () => {
    expect(
      proposedMinutes(
        {
          requestedAt: '2026-03-02T15:00:00.000Z',
          acceptedAt: '2026-03-02T15:01:00.000Z',
          connectedAt: '2026-03-02T15:01:30.000Z',
          endedAt: '2026-03-02T15:13:31.000Z',
        },
        at('2026-03-02T16:00:00.000Z'),
      ),
    ).toBe(13);
  });

  it('falls back to the accept time, and to now while the call is still on', () => {
    expect(
      proposedMinutes(
        { requestedAt: '2026-03-02T15:00:00.000Z', acceptedAt: '2026-03-02T15:02:00.000Z' },
        at('2026-03-02T15:07:00.000Z'),
      ),
    ).toBe(5);
  });

  it('stays within what the outcome accepts (1 to 240)', () => {
    const requestedAt = '2026-03-02T15:00:00.000Z';
    expect(proposedMinutes({ requestedAt, endedAt: requestedAt }, 0)).toBe(1);
    expect(proposedMinutes({ requestedAt, endedAt: '2026-03-03T15:00:00.000Z' }, 0)).toBe(240);
  });
});

describe('waiting times in words', () => {
  const now = at('2026-03-02T16:00:00.000Z');
  it('says just now, minutes, then hours and minutes', () => {
    expect(formatAge('2026-03-02T15:59:30.000Z', now)).toBe('just now');
    expect(formatAgo('2026-03-02T15:59:30.000Z', now)).toBe('just now');
    expect(formatAgo('2026-03-02T15:56:00.000Z', now)).toBe('4 min ago');
    expect(formatAge('2026-03-02T14:55:00.000Z', now)).toBe('1 h 5 min');
  });

  it('shows medians in seconds, or a dash when there is none', () => {
    expect(formatSeconds(undefined)).toBe('—');
    expect(formatSeconds(1234)).toBe('1.2 s');
    expect(formatSeconds(42_400)).toBe('42 s');
  });
});
