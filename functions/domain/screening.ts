import type { InstrumentScore, ScreeningSubmit } from '../contracts/screenings';
import { DomainError } from './errors';
import { answerIssues, scoreValidAnswers } from './instruments/score';

/**
 * Scores every instrument of a submitted screening. All problems across all instruments come back
 * in one error, so the tablet can mark every unanswered item at once instead of one per round trip.
 */
export const scoreScreening = (submit: ScreeningSubmit): InstrumentScore[] => {
  const issues = submit.responses.flatMap((response, index) =>
    answerIssues(response, `body.responses.${index}`),
  );
  if (issues.length > 0) {
    throw DomainError.validation('Screening answers are incomplete or out of range', issues);
  }
  return submit.responses.map(scoreValidAnswers);
};
