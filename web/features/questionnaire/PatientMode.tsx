import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useEffectEvent, useRef, useState, type FormEvent } from 'react';
import { Link, useBlocker, useNavigate, useParams, useSearchParams } from 'react-router';
import { describeError, isApiError, useApi } from '@lib/api';
import { useAuth } from '@lib/auth';
import { useClinic } from '@lib/clinic';
import { patientModePin } from '@lib/patient-mode-pin';
import { InstrumentId, Language, type ScreeningSubmit } from '@lib/contracts';
import { catalog, getInstrument } from '@lib/instruments';
import { paths } from '@lib/paths';
import { queryKeys, usePatient } from '@lib/queries';
import { sessionStore } from '@lib/session';
import { endedByInactivity } from '@lib/ui/PatientModeEndedNotice';
import { StaffGate } from './StaffGate';
import { parseIdleSeconds, useIdle } from './idle';
import { clearPending, loadPending, savePending } from './pending';
import {
  answersFromSubmit,
  buildSubmit,
  isAnswered,
  planParts,
  questionsFor,
  type Answers,
} from './plan';
import { LanguageScreen, nextValue, QuestionScreen, ReviewScreen } from './screens';
import { patientStrings } from './strings';

const DEFAULT_INSTRUMENTS: InstrumentId[] = ['PHQ9', 'GAD7'];
/** While answers wait for the network, try again this often (besides the browser's `online` event). */
const RETRY_EVERY_MS = 20_000;

function parseInstruments(value: string | null): InstrumentId[] | null {
  if (!value) return DEFAULT_INSTRUMENTS;
  const ids: InstrumentId[] = [];
  for (const raw of value.split(',')) {
    const parsed = InstrumentId.safeParse(raw.trim());
    if (!parsed.success || ids.includes(parsed.data)) return null;
    ids.push(parsed.data);
  }
  return ids.length > 0 ? ids : null;
}

/** A kept submission is used only if it is still a complete answer set for the definitions. */
function usablePending(pending: ScreeningSubmit | null): ScreeningSubmit | null {
  if (!pending) return null;
  const chosen = pending.responses.map((r) => r.instrument);
  const answers = answersFromSubmit(pending);
  const parts = planParts(chosen, answers, pending.language);
  return buildSubmit(parts, answers, pending.language, 'check') ? pending : null;
}

/** The C-SSRS may be read aloud by staff; every other instrument needs the patient's language. */
const offeredLanguages = (chosen: readonly InstrumentId[]): Language[] =>
  Language.options.filter((language) =>
    chosen.every(
      (id) =>
        id === 'CSSRS' ||
        (id === 'PHQ9' || id === 'GAD7' ? getInstrument(id) : catalog[id]).languages.includes(
          language,
        ),
    ),
  );

/**
 * Patient mode (/clinics/:clinicId/staff/patients/:patientId/screen?instruments=PHQ9,GAD7): the
 * tablet in the patient's hands. Language first, then one question per screen, a review, and
 * "Send my answers". Answers live in React state only; if sending fails for want of a network (or
 * of a valid staff sign-in) they are kept in sessionStorage until sent, then wiped.
 */
export function PatientMode() {
  const { patientId = '' } = useParams();
  const [search] = useSearchParams();
  const { clinicId } = useClinic();
  const [pending] = useState(() => usablePending(loadPending(clinicId, patientId)));
  const instrumentIds = pending
    ? pending.responses.map((r) => r.instrument)
    : parseInstruments(search.get('instruments'));

  if (!instrumentIds) {
    return (
      <main className="page page-narrow" id="main">
        <title>Unknown questionnaire — Behavioral health consult</title>
        <h1>Unknown questionnaire</h1>
        <p>This screening link names a questionnaire the app does not know.</p>
        <Link className="button" to={paths.patient(clinicId, patientId)}>
          Back to the patient
        </Link>
      </main>
    );
  }
  return (
    <Questionnaire
      key={`${clinicId}/${patientId}`}
      clinicId={clinicId}
      patientId={patientId}
      chosen={instrumentIds}
      pending={pending}
      idleSeconds={parseIdleSeconds(search.get('idleSeconds'))}
    />
  );
}

type Step =
  | { kind: 'language' }
  | { kind: 'question'; index: number; returnToReview: boolean }
  | { kind: 'review' }
  | { kind: 'done'; screeningId: string };

interface State {
  step: Step;
  language: Language | null;
  /** Keyed by `${instrument}:${itemId}`; what is asked follows from them (skip logic, pathway). */
  answers: Answers;
  /** Answers restored from a submission that is still waiting to be sent. */
  restored: boolean;
  /** "Next" was pressed without an answer. */
  missing: boolean;
}

function Questionnaire({
  clinicId,
  patientId,
  chosen,
  pending,
  idleSeconds,
}: {
  clinicId: string;
  patientId: string;
  chosen: InstrumentId[];
  pending: ScreeningSubmit | null;
  /** Inactivity before "Are you still there?" (`?idleSeconds=`, default 3 minutes). */
  idleSeconds: number;
}) {
  const api = useApi();
  const { me } = useClinic();
  const { signOut } = useAuth();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const patient = usePatient(clinicId, patientId);

  // A background 401 must not take the tablet to the sign-in page mid-questionnaire.
  useEffect(() => sessionStore.hold(), []);
  const firstName = patient.data?.givenName;

  // Offer only the languages every chosen instrument is published in.
  const languages = offeredLanguages(chosen);

  const [state, setState] = useState<State>(() =>
    pending
      ? {
          step: { kind: 'review' },
          language: pending.language,
          answers: answersFromSubmit(pending),
          restored: true,
          missing: false,
        }
      : {
          step: { kind: 'language' },
          language: null,
          answers: {},
          restored: false,
          missing: false,
        },
  );

  // One id per questionnaire, kept across retries (and with the pending answers), so a send that
  // reached the server before the connection dropped is never stored twice.
  const [submissionId] = useState(() => pending?.submissionId ?? crypto.randomUUID());

  const submit = useMutation({
    // Fail at once when offline (instead of pausing) so the patient is told and the answers are kept.
    networkMode: 'always',
    gcTime: 0,
    mutationFn: async (body: ScreeningSubmit) => {
      try {
        return await api.call('submitScreening', { params: { clinicId, patientId }, body });
      } catch (error) {
        // Kept here, before anything else reacts to the error (a 401 leaves for the sign-in page).
        if (isApiError(error) && (error.isNetwork || error.status === 401)) {
          savePending(clinicId, patientId, body);
        }
        // The answers are safe now: a staff member signs in again and they are sent.
        if (isApiError(error) && error.status === 401) sessionStore.expire({ force: true });
        throw error;
      }
    },
    onSuccess: (result) => {
      clearPending(clinicId, patientId);
      queryClient.setQueryData(
        queryKeys.screening(clinicId, patientId, result.screeningId),
        result,
      );
      void queryClient.invalidateQueries({
        queryKey: queryKeys.patientScreenings(clinicId, patientId),
      });
      void queryClient.invalidateQueries({ queryKey: queryKeys.clinicScreenings(clinicId) });
      // Wipe the answers: only the result's id is kept, for the care team's button.
      setState((s) => ({
        step: { kind: 'done', screeningId: result.screeningId },
        language: s.language,
        answers: {},
        restored: false,
        missing: false,
      }));
    },
  });

  const parts = planParts(chosen, state.answers, state.language ?? 'en');
  const questions = questionsFor(parts, state.answers);

  const failure = submit.isError && isApiError(submit.error) ? submit.error : null;
  const offline = failure?.isNetwork === true;
  const signedOut = failure?.status === 401;
  const refused = submit.isError && !offline && !signedOut;
  const waiting = offline || (state.restored && submit.isIdle);
  const done = state.step.kind === 'done';

  const buildBody = (): ScreeningSubmit | null =>
    state.language ? buildSubmit(parts, state.answers, state.language, submissionId) : null;

  const send = () => {
    const body = buildBody();
    if (body && !submit.isPending) submit.mutate(body);
  };

  // Retry by itself while waiting: when the browser says it is back online, and every so often.
  const retry = useEffectEvent(() => {
    if (navigator.onLine) send();
  });
  useEffect(() => {
    if (!waiting) return;
    const onOnline = () => retry();
    window.addEventListener('online', onOnline);
    const timer = window.setInterval(onOnline, RETRY_EVERY_MS);
    return () => {
      window.removeEventListener('online', onOnline);
      window.clearInterval(timer);
    };
  }, [waiting]);
  // Answers restored after a dropped connection or a new sign-in: send them straight away.
  useEffect(() => {
    if (pending) retry();
  }, [pending]);

  // Drop the sent answers from the mutation's memory too.
  const reset = submit.reset;
  useEffect(() => {
    if (done) reset();
  }, [done, reset]);

  // A reload or closing the tab would lose unsent answers: ask first.
  const unsent = !done && Object.keys(state.answers).length > 0;
  useEffect(() => {
    if (!unsent) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [unsent]);

  // Patient mode leads nowhere else: every navigation (including Back) is held until staff end it.
  const allowNavigation = useRef(false);
  const blocker = useBlocker(() => !allowNavigation.current);
  const [leaving, setLeaving] = useState(false);
  const [resultGate, setResultGate] = useState<string | null>(null);
  const showLeave = leaving || blocker.state === 'blocked';

  const leave = () => {
    patientModePin.clear();
    clearPending(clinicId, patientId);
    setState((s) => ({ ...s, answers: {}, language: null }));
    allowNavigation.current = true;
    if (blocker.state === 'blocked') blocker.proceed();
    else void navigate(paths.patient(clinicId, patientId), { replace: true });
  };

  // Nobody at the tablet: ask, then wipe the unsent answers and go back to staff mode. A
  // submission waiting for the network (or in flight) is never wiped this way: the idle clock
  // stops until it is sent, since answers typed while the Wi-Fi drops are kept until sent.
  const { idle, stillHere } = useIdle({
    enabled: !done && !waiting && !submit.isPending,
    idleSeconds,
    onExpire: () => {
      patientModePin.clear();
      clearPending(clinicId, patientId);
      submit.reset();
      setState((s) => ({ ...s, answers: {}, language: null, restored: false }));
      setLeaving(false);
      allowNavigation.current = true;
      if (blocker.state === 'blocked') blocker.reset();
      void navigate(paths.patient(clinicId, patientId), {
        replace: true,
        state: endedByInactivity,
      });
    },
  });
  const stay = () => {
    if (blocker.state === 'blocked') blocker.reset();
    setLeaving(false);
    setResultGate(null);
  };
  // No PIN in memory: the staff member proves who they are by signing in again.
  const reauthenticate = (next: string) => {
    patientModePin.clear();
    clearPending(clinicId, patientId);
    setState((s) => ({ ...s, answers: {}, language: null }));
    allowNavigation.current = true;
    if (blocker.state === 'blocked') blocker.reset();
    signOut();
    void navigate(paths.signIn(next), { replace: true });
  };
  const showResult = (screeningId: string) => {
    patientModePin.clear();
    allowNavigation.current = true;
    void navigate(paths.result(clinicId, patientId, screeningId), { replace: true });
  };

  // Move focus (and the view) to the top of each new screen, for screen readers and small screens.
  const headingRef = useRef<HTMLHeadingElement>(null);
  const stepKey = state.step.kind === 'question' ? `q${state.step.index}` : state.step.kind;
  useEffect(() => {
    window.scrollTo(0, 0);
    headingRef.current?.focus();
  }, [stepKey]);

  const language = state.language ?? 'en';
  const t = patientStrings[language];

  const chooseLanguage = (chosen: Language) =>
    setState((s) => ({
      ...s,
      language: chosen,
      step: { kind: 'question', index: 0, returnToReview: false },
    }));
  const answer = (index: number, value: number) =>
    setState((s) => {
      const question = questions[index];
      if (!question) return s;
      const next = nextValue(question, s.answers[question.key], value);
      // An emptied choose-all-that-apply list is "not answered", so it is dropped.
      const answers = Object.fromEntries(
        Object.entries({ ...s.answers, [question.key]: next }).filter(
          ([, v]) => !Array.isArray(v) || v.length > 0,
        ),
      );
      return { ...s, missing: false, answers };
    });
  const goTo = (step: Step) => setState((s) => ({ ...s, step, missing: false }));

  let screen;
  switch (state.step.kind) {
    case 'language':
      screen = (
        <LanguageScreen
          headingRef={headingRef}
          firstName={firstName}
          languages={languages}
          onChoose={chooseLanguage}
        />
      );
      break;
    case 'question': {
      const { index, returnToReview } = state.step;
      const question = questions[index];
      if (!question) break;
      const onNext = (event: FormEvent) => {
        event.preventDefault();
        if (!isAnswered(state.answers, question)) {
          setState((s) => ({ ...s, missing: true }));
        } else if (returnToReview || index === questions.length - 1) {
          // A changed answer can open questions (skip logic): ask those before the review.
          const missingAt = questions.findIndex((q) => !isAnswered(state.answers, q));
          goTo(
            missingAt === -1
              ? { kind: 'review' }
              : { kind: 'question', index: missingAt, returnToReview },
          );
        } else {
          goTo({ kind: 'question', index: index + 1, returnToReview: false });
        }
      };
      const onBack = () =>
        goTo(
          returnToReview
            ? { kind: 'review' }
            : index === 0
              ? { kind: 'language' }
              : { kind: 'question', index: index - 1, returnToReview: false },
        );
      screen = (
        <QuestionScreen
          headingRef={headingRef}
          t={t}
          language={language}
          parts={parts}
          question={question}
          index={index}
          total={questions.length}
          intro={index === 0 ? t.intro(questions.length) : undefined}
          handOver={
            parts[question.part]?.staff === true && questions[index - 1]?.part !== question.part
          }
          value={state.answers[question.key]}
          missing={state.missing}
          returnToReview={returnToReview}
          onAnswer={(value) => answer(index, value)}
          onNext={onNext}
          onBack={onBack}
        />
      );
      break;
    }
    case 'review':
      screen = (
        <ReviewScreen
          headingRef={headingRef}
          t={t}
          language={language}
          parts={parts}
          questions={questions}
          answers={state.answers}
          complete={buildBody() !== null}
          sending={submit.isPending}
          waiting={waiting}
          signedOut={signedOut}
          refusedMessage={refused ? describeError(submit.error) : null}
          onChange={(index) => goTo({ kind: 'question', index, returnToReview: true })}
          onSend={send}
        />
      );
      break;
    case 'done': {
      const { screeningId } = state.step;
      screen = (
        <section className="pm-screen pm-done" aria-labelledby="pm-heading">
          <h1 id="pm-heading" ref={headingRef} tabIndex={-1}>
            {t.thanks}
          </h1>
          <p className="pm-lead">{t.thanksDetail}</p>
          <div className="pm-staff-zone" lang="en">
            <button type="button" className="button" onClick={() => setResultGate(screeningId)}>
              Show result to care team
            </button>
          </div>
        </section>
      );
      break;
    }
  }

  return (
    <div className="patient-mode" lang={language}>
      <title>Questionnaire</title>
      <main id="main" className="pm-main">
        {screen}
      </main>
      {!done && (
        <footer className="pm-footer" lang="en">
          <button type="button" className="pm-exit" onClick={() => setLeaving(true)}>
            Care team: end patient mode
          </button>
        </footer>
      )}
      {showLeave && (
        <StaffGate
          purpose="leave"
          done={done}
          displayName={me.displayName}
          onConfirmed={leave}
          onReauthenticate={() => reauthenticate(paths.patient(clinicId, patientId))}
          onCancel={stay}
        />
      )}
      {resultGate && !showLeave && (
        <StaffGate
          purpose="result"
          done={done}
          displayName={me.displayName}
          onConfirmed={() => showResult(resultGate)}
          onReauthenticate={() => reauthenticate(paths.result(clinicId, patientId, resultGate))}
          onCancel={stay}
        />
      )}
      {idle.kind === 'prompt' && (
        <div className="pm-overlay pm-idle">
          <section
            className="pm-dialog"
            role="alertdialog"
            aria-modal="true"
            aria-labelledby="idle-heading"
            aria-describedby="idle-detail"
          >
            <h2 id="idle-heading">{t.stillThere}</h2>
            <p id="idle-detail">{t.stillThereDetail(idle.secondsLeft)}</p>
            <button
              type="button"
              className="pm-button pm-button-primary pm-button-send"
              onClick={stillHere}
              autoFocus
            >
              {t.stillHere}
            </button>
          </section>
        </div>
      )}
    </div>
  );
}
