import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useApi } from '@lib/api';
import { useClinic } from '@lib/clinic';
import type { CareScope, InstrumentScore, ScreeningResult } from '@lib/contracts';
import { getInstrument, PHQ9_ITEM9_INDEX } from '@lib/instruments';
import { paths } from '@lib/paths';
import { queryKeys, usePatient } from '@lib/queries';
import {
  DispositionTag,
  FlagBadges,
  isSafetyFlag,
  ScoreBadge,
  urgencyLabel,
} from '@lib/ui/screenings';
import { ErrorNotice, Loading } from '@lib/ui/Status';
import { RequestHandoff } from '@lib/handoff/RequestHandoff';
import { formatDateTime } from '@lib/time';
import { OverrideForm, OverrideSummary } from './OverrideDisposition';
import { ScreenSection } from './ScreenSection';

const LANGUAGE_LABEL: Record<ScreeningResult['language'], string> = {
  en: 'English',
  es: 'Spanish',
};

/** One screening for the care team: scores, item answers, flags, and the triage decision with its reasons. */
const SETTING_LABEL: Record<CareScope['setting'], string> = {
  in_clinic: 'In clinic',
  in_clinic_protocol_group: 'In clinic, protocol or group',
  external_referral: 'External specialty referral',
  urgent_psychiatry: 'Urgent psychiatry',
  emergency_department: 'Emergency department',
  safety_protocol_now: 'Safety protocol now',
};
const TIER_LABEL: Record<CareScope['tier'], string> = {
  tier1: 'tier 1',
  tier2: 'tier 2',
  tier3: 'tier 3',
  red_line: 'red line',
};

export function ResultPage() {
  const { patientId = '', screeningId = '' } = useParams();
  const api = useApi();
  const { clinicId } = useClinic();
  const result = useQuery({
    queryKey: queryKeys.screening(clinicId, patientId, screeningId),
    queryFn: ({ signal }) =>
      api.call('getScreening', { params: { clinicId, patientId, screeningId }, signal }),
    staleTime: 5 * 60_000,
  });

  if (result.data) return <Result result={result.data} />;
  if (!result.isError) return <Loading label="Loading result…" />;
  return (
    <>
      <title>Screening result — Behavioral health consult</title>
      <h1>Screening result</h1>
      <ErrorNotice error={result.error} onRetry={() => void result.refetch()} />
      <p>
        <Link to={paths.patient(clinicId, patientId)}>Back to patient</Link>
      </p>
    </>
  );
}

function Result({ result }: { result: ScreeningResult }) {
  const { clinicId, timeZone } = useClinic();
  const patient = usePatient(clinicId, result.patientId);
  const name = patient.data ? `${patient.data.givenName} ${patient.data.familyName}` : undefined;
  const { disposition } = result;
  const safetyFlags = result.flags.filter(isSafetyFlag);
  const followUp = [
    disposition.followUpWithinHours && `within ${disposition.followUpWithinHours} hours`,
    disposition.followUpWithinDays && `within ${disposition.followUpWithinDays} days`,
  ].filter(Boolean);

  return (
    <>
      <title>{`Screening result${name ? ` — ${name}` : ''}`}</title>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={paths.clinicHome(clinicId)}>Clinic home</Link>
        <span aria-hidden="true"> / </span>
        <Link to={paths.patient(clinicId, result.patientId)}>{name ?? 'Back to patient'}</Link>
      </nav>
      <h1>Screening result{name ? `: ${name}` : ''}</h1>
      <p className="lead">
        Completed{' '}
        <time dateTime={result.completedAt}>{formatDateTime(result.completedAt, timeZone)}</time> ·
        answered in {LANGUAGE_LABEL[result.language]}
      </p>

      {safetyFlags.length > 0 && (
        <div className="notice notice-safety" role="alert">
          <p className="notice-title">
            <span aria-hidden="true">⚠ </span>Safety flag
          </p>
          <ul>
            {safetyFlags.map((flag) => (
              <li key={flag.code}>{flag.message}</li>
            ))}
          </ul>
        </div>
      )}

      <section
        className={`card disposition-card urgency-card-${disposition.urgency}`}
        aria-labelledby="disposition-heading"
      >
        <h2 id="disposition-heading">Disposition</h2>
        <p className="disposition-label">
          <DispositionTag disposition={disposition} />
        </p>
        <dl className="facts">
          <div>
            <dt>Urgency</dt>
            <dd>{urgencyLabel(disposition.urgency)}</dd>
          </div>
          <div>
            <dt>Follow-up</dt>
            <dd>
              {followUp.length > 0
                ? `Behavioral health visit ${followUp.join(' or ')}`
                : 'None scheduled'}
            </dd>
          </div>
          {disposition.scope && (
            <div>
              <dt>Care setting</dt>
              <dd>
                {SETTING_LABEL[disposition.scope.setting]} ({TIER_LABEL[disposition.scope.tier]})
              </dd>
            </div>
          )}
          <div>
            <dt>Triage rule version</dt>
            <dd>{result.triageRuleVersion}</dd>
          </div>
        </dl>
        {disposition.patientStaysWithStaff && (
          <p className="notice notice-safety" role="alert">
            <strong>The patient stays with staff.</strong> Start a same-day behavioral health
            evaluation now (warm handoff); the emergency department if it cannot happen today.
          </p>
        )}
        {disposition.pcpSafetyStepsNow && (
          <p className="notice notice-safety">
            <strong>PCP safety steps now.</strong> The PCP addresses the patient's safety before
            they leave the clinic.
          </p>
        )}
        <h3>Why</h3>
        <ul className="reasons">
          {disposition.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
        <RequestHandoff
          clinicId={clinicId}
          patientId={result.patientId}
          screeningId={result.screeningId}
          suggestedUrgency={
            safetyFlags.length > 0
              ? 'safety'
              : disposition.urgency === 'urgent'
                ? 'urgent'
                : 'routine'
          }
        />
        <OverrideSummary result={result} />
        <OverrideForm key={result.version ?? 0} result={result} />
      </section>

      <section className="card" aria-labelledby="flags-heading">
        <h2 id="flags-heading">Flags</h2>
        <FlagBadges flags={result.flags} empty="No flags." />
      </section>

      {(result.screens ?? []).map((screen) => (
        <ScreenSection key={screen.instrument} score={screen} />
      ))}

      {result.scores.map((score) => (
        <ScoreSection
          key={score.instrument}
          score={score}
          safetyItem={
            score.instrument === 'PHQ9' && result.flags.some((f) => f.code === 'safety_item9')
              ? PHQ9_ITEM9_INDEX
              : undefined
          }
        />
      ))}
    </>
  );
}

function ScoreSection({
  score,
  safetyItem,
}: {
  score: InstrumentScore;
  /** The item behind a safety flag, highlighted in the answers. */
  safetyItem: number | undefined;
}) {
  const definition = getInstrument(score.instrument);
  const headingId = `score-${score.instrument}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{definition.name}</h2>
      <p className="score-line">
        Total <ScoreBadge score={score} />
      </p>
      <div className="table-wrap">
        <table className="answers">
          <caption className="visually-hidden">{definition.name} item answers</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Question</th>
              <th scope="col">Answer</th>
            </tr>
          </thead>
          <tbody>
            {score.answers.map((value, index) => {
              const item = definition.items[index];
              const option = definition.answerOptions.find((o) => o.value === value);
              return (
                <tr
                  key={item?.id ?? index}
                  className={index === safetyItem ? 'row-safety' : undefined}
                >
                  <td>{index + 1}</td>
                  <th scope="row">{item?.text.en ?? `Item ${index + 1}`}</th>
                  <td>
                    <span className={`answer-value answer-${value}`}>{value}</span>{' '}
                    {option?.label.en ?? ''}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
