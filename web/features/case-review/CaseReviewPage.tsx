import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useApi } from '@lib/api';
import { useClinic } from '@lib/clinic';
import type { CaseSummary } from '@lib/contracts';
import { paths } from '@lib/paths';
import { FlagChips } from '@lib/registry/FlagChips';
import { registryKeys, useClinicDirectory } from '@lib/registry/queries';
import { reviewPaths } from '@lib/registry/review';
import { TrendChart } from '@lib/registry/TrendChart';
import { formatIsoDate, formatShortDateTime, useNow } from '@lib/time';
import { ErrorNotice, Loading } from '@lib/ui/Status';
import {
  AuthorizedNotesSection,
  ContactsSection,
  PlanSection,
  RecommendationsSection,
  SafetySection,
} from './CaseSections';
import { ReviewForm } from './ReviewForm';
import './case-review.css';

const summaryKey = (clinicId: string, patientId: string, episodeId: string) =>
  [...registryKeys.episode(clinicId, patientId, episodeId), 'summary'] as const;

/**
 * The psychiatrist's one-screen case summary (trend, contacts, meds, diagnoses, the BCM's
 * question, safety, authorized notes) with the review form beside it.
 */
export function CaseReviewPage() {
  const { patientId = '', episodeId = '' } = useParams();
  const { clinicId } = useClinic();
  const api = useApi();
  const summary = useQuery({
    queryKey: summaryKey(clinicId, patientId, episodeId),
    queryFn: ({ signal }) =>
      api.call('getCaseSummary', { params: { clinicId, patientId, episodeId }, signal }),
  });
  if (summary.data) return <CaseReview summary={summary.data} />;
  if (!summary.isError) return <Loading label="Loading the case…" />;
  return (
    <>
      <title>Case review — Behavioral health consult</title>
      <h1>Case review</h1>
      <ErrorNotice error={summary.error} onRetry={() => void summary.refetch()} />
      <p>
        <Link to={paths.patient(clinicId, patientId)}>Back to the patient</Link>
      </p>
    </>
  );
}

function CaseReview({ summary }: { summary: CaseSummary }) {
  const { clinicId, role } = useClinic();
  const queryClient = useQueryClient();
  const [search] = useSearchParams();
  const now = useNow();
  const directory = useClinicDirectory(clinicId);
  const [recorded, setRecorded] = useState<string | null>(null);
  const { episode } = summary;
  const names = (userId: string) =>
    directory.data?.members.find((m) => m.userId === userId)?.displayName ?? 'a colleague';
  const name = `${episode.patient.givenName} ${episode.patient.familyName}`;
  const tz = episode.timeZone;
  const params = { clinicId, patientId: episode.patientId, episodeId: episode.episodeId };
  const sessionId = search.get('session') ?? undefined;
  const mayReview = role === 'psychiatrist' && episode.status === 'active';
  return (
    <>
      <title>{`Case review: ${name} — Behavioral health consult`}</title>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        {role === 'psychiatrist' && (
          <Link to={sessionId ? reviewPaths.panelDuring(sessionId) : reviewPaths.panel}>
            Review panel
          </Link>
        )}{' '}
        <Link to={paths.patient(clinicId, episode.patientId)}>Patient page</Link>
      </nav>
      <h1>Case review: {name}</h1>
      <dl className="facts">
        <div>
          <dt>Clinic</dt>
          <dd>{episode.clinicName}</dd>
        </div>
        <div>
          <dt>Date of birth</dt>
          <dd>{formatIsoDate(episode.patient.dateOfBirth)}</dd>
        </div>
        <div>
          <dt>In treatment</dt>
          <dd>
            {episode.weeksInTreatment} weeks (referred {formatIsoDate(episode.referredOn)})
          </dd>
        </div>
        <div>
          <dt>Care manager · PCP</dt>
          <dd>
            {names(episode.bcmId)} · {names(episode.billingPractitionerId)}
          </dd>
        </div>
        <div>
          <dt>Last contact</dt>
          <dd>
            {episode.daysSinceLastContact === null
              ? 'None yet'
              : `${episode.daysSinceLastContact} days ago`}{' '}
            · {episode.contactCount} contacts, {episode.minutesThisMonth} min this month
          </dd>
        </div>
        <div>
          <dt>Last psychiatric review</dt>
          <dd>
            {episode.lastPsychiatricReviewAt
              ? formatShortDateTime(episode.lastPsychiatricReviewAt, tz, now)
              : 'Never'}
          </dd>
        </div>
      </dl>
      {episode.status === 'discharged' && <p className="notice">This episode is discharged.</p>}
      <div className="case-flags">
        <h2 className="visually-hidden">Flags</h2>
        <FlagChips flags={episode.flags} timeZone={tz} />
      </div>
      {episode.reviewRequest && (
        <section className="notice case-question" aria-labelledby="case-question-heading">
          <h2 id="case-question-heading" className="notice-title">
            The care manager asks
          </h2>
          <p>{episode.reviewRequest.question}</p>
          <p className="hint">
            {names(episode.reviewRequest.by)},{' '}
            {formatShortDateTime(episode.reviewRequest.at, tz, now)}
          </p>
        </section>
      )}
      {recorded && (
        <p className="notice" role="status">
          {recorded}
        </p>
      )}
      <div className="case-grid">
        <div className="case-main">
          <section className="card" aria-labelledby="case-trend-heading">
            <h2 id="case-trend-heading">PHQ-9 and GAD-7</h2>
            <p>
              Baseline PHQ-9 {episode.baseline.phq9?.score ?? '—'}, latest{' '}
              {episode.latest.phq9?.score ?? '—'}; baseline GAD-7{' '}
              {episode.baseline.gad7?.score ?? '—'}, latest {episode.latest.gad7?.score ?? '—'}.
            </p>
            <TrendChart measures={episode.measures} timeZone={tz} />
          </section>
          <SafetySection summary={summary} />
          <PlanSection episode={episode} />
          <ContactsSection activities={summary.activities} timeZone={tz} names={names} now={now} />
          <RecommendationsSection
            items={summary.recommendations}
            timeZone={tz}
            names={names}
            now={now}
          />
          <AuthorizedNotesSection
            notes={summary.authorizedNotes}
            timeZone={tz}
            names={names}
            now={now}
          />
        </div>
        {mayReview && (
          <div className="case-side">
            <ReviewForm
              params={params}
              reviewSessionId={sessionId}
              pcpName={names(episode.billingPractitionerId)}
              onRecorded={(next, sent) => {
                queryClient.setQueryData(
                  summaryKey(clinicId, episode.patientId, episode.episodeId),
                  next,
                );
                void queryClient.invalidateQueries({ queryKey: registryKeys.panelAll });
                void queryClient.invalidateQueries({
                  queryKey: registryKeys.episodesOf(clinicId, episode.patientId),
                });
                setRecorded(
                  sent === 0
                    ? 'Review recorded.'
                    : `Review recorded. ${sent} recommendation${sent === 1 ? '' : 's'} sent to ${names(episode.billingPractitionerId)}.`,
                );
              }}
            />
          </div>
        )}
      </div>
    </>
  );
}
