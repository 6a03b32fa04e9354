import { describe, expect, it } from 'vitest';
import type { ScaleInstrumentId } from '../../../functions/contracts/screenings';
import { DomainError } from '../../../functions/domain/errors';
import { scoreInstrument } from '../../../functions/domain/instruments/score';
import { answersWithTotal } from './fixtures';

const caught = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
};

describe('scoreInstrument bands at every boundary', () => {
  const cases: [ScaleInstrumentId, number, string, string][] = [
    ['PHQ9', 0, 'none-minimal', 'None–minimal'],
    ['PHQ9', 4, 'none-minimal', 'None–minimal'],
    ['PHQ9', 5, 'mild', 'Mild'],
    ['PHQ9', 9, 'mild', 'Mild'],
    ['PHQ9', 10, 'moderate', 'Moderate'],
    ['PHQ9', 14, 'moderate', 'Moderate'],
    ['PHQ9', 15, 'moderately-severe', 'Moderately severe'],
    ['PHQ9', 19, 'moderately-severe', 'Moderately severe'],
    ['PHQ9', 20, 'severe', 'Severe'],
    ['PHQ9', 27, 'severe', 'Severe'],
    ['GAD7', 0, 'minimal', 'Minimal'],
    ['GAD7', 4, 'minimal', 'Minimal'],
    ['GAD7', 5, 'mild', 'Mild'],
    ['GAD7', 9, 'mild', 'Mild'],
    ['GAD7', 10, 'moderate', 'Moderate'],
    ['GAD7', 14, 'moderate', 'Moderate'],
    ['GAD7', 15, 'severe', 'Severe'],
    ['GAD7', 21, 'severe', 'Severe'],
  ];
  it.each(cases)('%s total %i → %s', (instrument, total, band, bandLabel) => {
    const itemCount = instrument === 'PHQ9' ? 9 : 7;
    const answers = answersWithTotal(itemCount, total);
    expect(scoreInstrument({ instrument, answers }, 'body')).toEqual({
      instrument,
      answers,
      total,
      maxTotal: instrument === 'PHQ9' ? 27 : 21,
      band,
      bandLabel,
    });
  });

  it('keeps a copy of the answers, not the caller’s array', () => {
    const answers = answersWithTotal(9, 3);
    const result = scoreInstrument({ instrument: 'PHQ9', answers }, 'body');
    answers[0] = 0;
    expect(result.answers[0]).toBe(3);
  });
});

describe('scoreInstrument rejects incomplete or out-of-range answers', () => {
  const prefix = 'body.responses.0';

  it('names the missing item and the count when one answer is missing', () => {
    const error = caught(() =>
      scoreInstrument({ instrument: 'PHQ9', answers: [1, 1, 1, 1, 1, 1, 1, 1] }, prefix),
    );
    expect(error.kind).toBe('validation');
    expect(error.message).toBe('PHQ-9 answers are incomplete or out of range');
    expect(error.fields).toEqual([
      {
        field: 'body.responses.0.answers',
        message: 'must have exactly 9 answers, one per item (got 8)',
      },
      { field: 'body.responses.0.answers.8', message: 'is required' },
    ]);
  });

  it('names every out-of-range item, including non-integers', () => {
    const error = caught(() =>
      scoreInstrument({ instrument: 'GAD7', answers: [0, 4, 1, -1, 2, 1.5, 3] }, prefix),
    );
    expect(error.fields).toEqual([
      { field: 'body.responses.0.answers.1', message: 'must be 0–3' },
      { field: 'body.responses.0.answers.3', message: 'must be 0–3' },
      { field: 'body.responses.0.answers.5', message: 'must be 0–3' },
    ]);
  });

  it('names only the count when there are too many answers', () => {
    const error = caught(() =>
      scoreInstrument({ instrument: 'GAD7', answers: [0, 0, 0, 0, 0, 0, 0, 0] }, prefix),
    );
    expect(error.fields).toEqual([
      {
        field: 'body.responses.0.answers',
        message: 'must have exactly 7 answers, one per item (got 8)',
      },
    ]);
  });

  it('treats holes in a sparse array as missing answers', () => {
    const answers = [0, 0, 0, 0, 0, 0, 0];
    delete answers[2];
    const error = caught(() => scoreInstrument({ instrument: 'GAD7', answers }, prefix));
    expect(error.fields).toEqual([{ field: 'body.responses.0.answers.2', message: 'is required' }]);
  });

  it('names all nine items of an empty PHQ-9', () => {
    const error = caught(() => scoreInstrument({ instrument: 'PHQ9', answers: [] }, 'body'));
    expect(error.fields.map((issue) => issue.field)).toEqual([
      'body.answers',
      ...Array.from({ length: 9 }, (_, index) => `body.answers.${index}`),
    ]);
  });
});
