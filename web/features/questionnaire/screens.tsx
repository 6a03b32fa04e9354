import type { FormEvent, RefObject } from 'react';
import { Language } from '@lib/contracts';
import type { AnswerValue, LocalizedText } from '@lib/instruments';
import type { Answers, Part, Question } from './plan';
import { languageNames, notAvailableIn, patientStrings, type PatientStrings } from './strings';

export const localized = (text: LocalizedText, language: Language): string =>
  text[language] ?? text.en;

/** A staff-read part is always shown in English (its only verified wording). */
const shownIn = (part: Part | undefined, language: Language): Language =>
  part?.staff ? 'en' : language;

export function LanguageScreen({
  headingRef,
  firstName,
  languages,
  onChoose,
}: {
  headingRef: RefObject<HTMLHeadingElement | null>;
  firstName: string | undefined;
  languages: Language[];
  onChoose: (language: Language) => void;
}) {
  const unavailable = Language.options.filter((l) => !languages.includes(l));
  return (
    <section className="pm-screen" aria-labelledby="pm-heading">
      {firstName && (
        <p className="pm-greeting">
          <span lang="en">{patientStrings.en.hello(firstName)}</span>
          {' · '}
          <span lang="es">{patientStrings.es.hello(firstName)}</span>
        </p>
      )}
      <h1 id="pm-heading" ref={headingRef} tabIndex={-1}>
        <span lang="en">Choose your language</span>
        <span className="pm-heading-alt" lang="es">
          Elija su idioma
        </span>
      </h1>
      <div className="pm-languages">
        {languages.map((language) => (
          <button
            key={language}
            type="button"
            lang={language}
            className="pm-choice"
            onClick={() => onChoose(language)}
          >
            {languageNames[language]}
          </button>
        ))}
      </div>
      {unavailable.map((language) => (
        <p key={language} lang={language} className="pm-note">
          {notAvailableIn[language]}
        </p>
      ))}
    </section>
  );
}

/** Chooses one option, or toggles one in a choose-all-that-apply list (its "none" stands alone). */
export const nextValue = (
  question: Question,
  current: AnswerValue | undefined,
  value: number,
): AnswerValue => {
  if (!question.many) return value;
  const chosen = Array.isArray(current) ? current : [];
  if (chosen.includes(value)) return chosen.filter((v) => v !== value);
  if (value === question.exclusiveValue) return [value];
  return [...chosen.filter((v) => v !== question.exclusiveValue), value];
};

export function QuestionScreen({
  headingRef,
  t,
  language,
  parts,
  question,
  index,
  total,
  intro,
  handOver,
  value,
  missing,
  returnToReview,
  onAnswer,
  onNext,
  onBack,
}: {
  headingRef: RefObject<HTMLHeadingElement | null>;
  t: PatientStrings;
  language: Language;
  parts: readonly Part[];
  question: Question;
  index: number;
  total: number;
  intro: string | undefined;
  /** The first question staff read aloud: tell the patient, in their language, to hand it over. */
  handOver: boolean;
  value: AnswerValue | undefined;
  missing: boolean;
  returnToReview: boolean;
  onAnswer: (value: number) => void;
  onNext: (event: FormEvent) => void;
  onBack: () => void;
}) {
  const part = parts[question.part];
  const shown = shownIn(part, language);
  const progress = t.questionOf(index + 1, total);
  const checked = (v: number) => (Array.isArray(value) ? value.includes(v) : value === v);
  return (
    <form className="pm-screen" onSubmit={onNext} noValidate>
      <div className="pm-progress">
        <p id="pm-progress-label">{progress}</p>
        <progress max={total} value={index + 1} aria-labelledby="pm-progress-label" />
        {parts.length > 1 && <p className="pm-part">{t.partOf(question.part + 1, parts.length)}</p>}
      </div>
      {intro && <p className="pm-intro">{intro}</p>}
      {handOver && (
        <p className="pm-alert" role="alert">
          {t.handToStaff}
        </p>
      )}
      {part?.staff && (
        <p className="notice" lang="en">
          For the care team: please ask these {part.name} questions aloud (with an interpreter if
          needed) and enter the patient’s answers. No verified version exists in the patient’s
          language.
        </p>
      )}
      {(question.stem ?? part?.preamble) && (
        <p className="pm-preamble" id="pm-preamble" lang={shown}>
          {localized((question.stem ?? part?.preamble) as LocalizedText, shown)}
        </p>
      )}
      <fieldset className="pm-question" aria-describedby="pm-preamble" lang={shown}>
        <legend>
          <h1 id="pm-heading" ref={headingRef} tabIndex={-1}>
            {localized(question.text, shown)
              .split('\n')
              .map((line, i) => (
                <span key={i} className="pm-line">
                  {i > 0 && <br />}
                  {line}
                </span>
              ))}
          </h1>
        </legend>
        <div className="pm-options">
          {question.options.map((option) => (
            <label key={option.value} className="pm-option">
              <input
                type={question.many ? 'checkbox' : 'radio'}
                name={question.key}
                value={option.value}
                checked={checked(option.value)}
                onChange={() => onAnswer(option.value)}
              />
              <span>{localized(option.label, shown)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {missing && (
        <p className="pm-alert" role="alert">
          {t.chooseAnswer}
        </p>
      )}
      <div className="pm-nav">
        <button type="button" className="pm-button" onClick={onBack}>
          {returnToReview ? t.backToReview : t.back}
        </button>
        <button type="submit" className="pm-button pm-button-primary">
          {returnToReview ? t.backToReview : t.next}
        </button>
      </div>
    </form>
  );
}

export function ReviewScreen({
  headingRef,
  t,
  language,
  parts,
  questions,
  answers,
  complete,
  sending,
  waiting,
  signedOut,
  refusedMessage,
  onChange,
  onSend,
}: {
  headingRef: RefObject<HTMLHeadingElement | null>;
  t: PatientStrings;
  language: Language;
  parts: readonly Part[];
  questions: readonly Question[];
  answers: Answers;
  complete: boolean;
  sending: boolean;
  waiting: boolean;
  signedOut: boolean;
  refusedMessage: string | null;
  onChange: (index: number) => void;
  onSend: () => void;
}) {
  return (
    <section className="pm-screen" aria-labelledby="pm-heading">
      <h1 id="pm-heading" ref={headingRef} tabIndex={-1}>
        {t.reviewTitle}
      </h1>
      <p className="pm-lead">{t.reviewIntro}</p>
      {parts.map((part, partIndex) => {
        const shown = shownIn(part, language);
        return (
          <section
            key={part.instrument}
            className="pm-review-part"
            aria-label={t.partOf(partIndex + 1, parts.length)}
          >
            {parts.length > 1 && <h2>{t.partOf(partIndex + 1, parts.length)}</h2>}
            {part.preamble && (
              <p className="pm-preamble" lang={shown}>
                {localized(part.preamble, shown)}
              </p>
            )}
            <ol className="pm-review-list">
              {questions.map((question, index) => {
                if (question.part !== partIndex) return null;
                const value = answers[question.key];
                const chosen = question.options.filter((o) =>
                  Array.isArray(value) ? value.includes(o.value) : value === o.value,
                );
                return (
                  <li key={question.key} className="pm-review-item">
                    <p className="pm-review-question" lang={shown}>
                      <span className="pm-review-number">{index + 1}.</span>{' '}
                      {localized(question.text, shown).split('\n').at(-1)}
                    </p>
                    <p className="pm-review-answer">
                      {t.yourAnswer}:{' '}
                      <strong lang={shown}>
                        {chosen.length > 0
                          ? chosen.map((o) => localized(o.label, shown)).join('; ')
                          : t.notAnswered}
                      </strong>
                    </p>
                    <button
                      type="button"
                      className="pm-button pm-button-small"
                      aria-label={t.changeLabel(index + 1)}
                      onClick={() => onChange(index)}
                      disabled={sending}
                    >
                      {t.change}
                    </button>
                  </li>
                );
              })}
            </ol>
          </section>
        );
      })}
      <div className="pm-send">
        {waiting && (
          <div className="pm-alert" role="alert">
            <p>{t.offline}</p>
            <button type="button" className="pm-button" onClick={onSend} disabled={sending}>
              {t.tryAgain}
            </button>
          </div>
        )}
        {signedOut && (
          <p className="pm-alert" role="alert">
            {t.signedOut}
          </p>
        )}
        {refusedMessage && (
          <div className="pm-alert" role="alert">
            <p>{t.refused}</p>
            <p className="pm-staff-detail" lang="en">
              For the care team: {refusedMessage}
            </p>
          </div>
        )}
        <button
          type="button"
          className="pm-button pm-button-primary pm-button-send"
          onClick={onSend}
          disabled={!complete || sending}
        >
          {sending ? t.sending : t.send}
        </button>
      </div>
    </section>
  );
}
