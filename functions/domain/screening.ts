import type { InstrumentScore, ScreeningSubmit } from '../contracts/screenings';
import { DomainError } from './errors';
import { getInstrument } from './instruments';
import { answerIssues, scoreValidAnswers } from './instruments/score';

/**
 * Scores every instrument of a submitted screening. All problems across all instruments come back
 * in one error, so the tablet can mark every unanswered item at once instead of one per round trip.
 */
export const scoreScreening = (submit: ScreeningSubmit): InstrumentScore[] => {
  const issues = submit.responses.flatMap((response, index) =>
    answerIssues(response, `body.responses.${index}`),
  );
  // A result must say which wording the patient read: only languages every instrument publishes.
  const unsupported = submit.responses.filter(
    (response) => !getInstrument(response.instrument).languages.includes(submit.language),
  );
  if (unsupported.length > 0) {
    issues.push({
      field: 'body.language',
      message: `is not available for ${unsupported.map((r) => getInstrument(r.instrument).name).join(', ')}`,
    });
  }
  if (issues.length > 0) {
    throw DomainError.validation('Screening answers are incomplete or out of range', issues);
  }
  return submit.responses.map(scoreValidAnswers);
};
