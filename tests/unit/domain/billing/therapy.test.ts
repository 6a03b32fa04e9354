import { describe, expect, it } from 'vitest';
import { therapySuggestions } from '../../../../functions/domain/billing/index';

const codes = (minutes: number, kind: Parameters<typeof therapySuggestions>[1]) =>
  therapySuggestions(minutes, kind).map((suggestion) => suggestion.code);

describe('therapy code suggestions from face-to-face time', () => {
  it.each([
    [0, []],
    [15, []],
    [16, ['90832']],
    [37, ['90832']],
    [38, ['90834']],
    [52, ['90834']],
    [53, ['90837']],
    [90, ['90837']],
  ])('psychotherapy, %i minutes → %j', (minutes, expected) => {
    expect(codes(minutes, 'psychotherapy')).toEqual(expected);
  });

  it.each([
    [15, []],
    [16, ['90833']],
    [38, ['90836']],
    [53, ['90838']],
  ])('psychotherapy with a same-day E/M, %i minutes → %j', (minutes, expected) => {
    expect(codes(minutes, 'psychotherapy_with_em')).toEqual(expected);
  });

  it('diagnostic evaluations and group therapy are not time-banded', () => {
    expect(codes(60, 'diagnostic_evaluation')).toEqual(['90791']);
    expect(codes(60, 'diagnostic_evaluation_medical')).toEqual(['90792']);
    expect(codes(60, 'group')).toEqual(['90853']);
  });

  it('explains the band it chose', () => {
    expect(therapySuggestions(40, 'psychotherapy')[0]?.reason).toBe(
      '40 face-to-face minutes (38–52)',
    );
  });
});
