import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../functions/domain/errors';
import { scoreScreening } from '../../../functions/domain/screening';
import { gad7Answers, phq9Answers } from './fixtures';

describe('scoreScreening', () => {
  it('scores every instrument in submission order', () => {
    const scores = scoreScreening({
      language: 'en',
      responses: [
        { instrument: 'GAD7', answers: gad7Answers(11) },
        { instrument: 'PHQ9', answers: phq9Answers(16, 1) },
      ],
    });
    expect(scores.map((score) => [score.instrument, score.total, score.band])).toEqual([
      ['GAD7', 11, 'moderate'],
      ['PHQ9', 16, 'moderately-severe'],
    ]);
  });

  it('collects the problems of every instrument into one validation error', () => {
    let error: unknown;
    try {
      scoreScreening({
        language: 'en',
        responses: [
          { instrument: 'PHQ9', answers: [0, 0, 0, 0, 0, 0, 0, 0] },
          { instrument: 'GAD7', answers: [0, 0, 0, 7, 0, 0, 0] },
        ],
      });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(DomainError);
    const domainError = error as DomainError;
    expect(domainError.kind).toBe('validation');
    expect(domainError.fields).toEqual([
      {
        field: 'body.responses.0.answers',
        message: 'must have exactly 9 answers, one per item (got 8)',
      },
      { field: 'body.responses.0.answers.8', message: 'is required' },
      { field: 'body.responses.1.answers.3', message: 'must be 0–3' },
    ]);
  });

  it('refuses a language an instrument is not published in, naming body.language', () => {
    const submit = () =>
      scoreScreening({
        language: 'es',
        responses: [
          { instrument: 'PHQ9', answers: phq9Answers(3, 0) },
          { instrument: 'GAD7', answers: [0, 0, 0, 0, 0, 0, 0] },
        ],
      });
    expect(submit).toThrowError(DomainError);
    try {
      submit();
    } catch (error) {
      expect((error as DomainError).fields).toEqual([
        { field: 'body.language', message: 'is not available for GAD-7' },
      ]);
    }
  });
});
