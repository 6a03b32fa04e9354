import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useClinic } from '@lib/clinic';
import type { EpisodeView } from '@lib/contracts';
import { paths } from '@lib/paths';
import { FLAG_LABEL, FLAG_TONE, sortFlags } from '@lib/registry/flags';
import { LogActivityDialog } from '@lib/registry/LogActivityDialog';
import { useClinicDirectory, useEpisode } from '@lib/registry/queries';
import { TrendChart } from '@lib/registry/TrendChart';
import { ErrorNotice, Loading } from '@lib/ui/Status';
import { formatDateTime, formatIsoDate, isoDateIn } from '@lib/time';
import { ActivitiesList } from './ActivitiesList';
import { DischargeDialog } from './DischargeDialog';
import { EpisodeFacts } from './EpisodeFacts';
import { PlanSection } from './PlanSection';
import { RelapsePlanSection } from './RelapsePlanSection';
import { ReviewRequestSection } from './ReviewRequestSection';
import { useEpisodeUpdate } from './useEpisodeUpdate';
import '@lib/registry/registry.css';

/** One collaborative-care episode: flags explained, consent, plan, measures, activities, discharge. */
export function EpisodePage() {
  const { patientId = '', episodeId = '' } = useParams();
  const { clinicId } = useClinic();
  const episode = useEpisode(clinicId, patientId, episodeId);
  if (episode.data) return <EpisodeDetails episode={episode.data} />;
  if (!episode.isError) return <Loading label="Loading episode…" />;
  return (
    <>
      <title>Episode — Behavioral health consult</title>
      <h1>Collaborative care episode</h1>
      <ErrorNotice error={episode.error} onRetry={() => void episode.refetch()} />
      <p>
        <Link to={paths.patient(clinicId, patientId)}>Back to the patient</Link>
      </p>
    </>
  );
}

function EpisodeDetails({ episode }: { episode: EpisodeView }) {
  const { clinicId } = useClinic();
  const directory = useClinicDirectory(clinicId);
  const update = useEpisodeUpdate();
  const [logging, setLogging] = useState(false);
  const [discharging, setDischarging] = useState(false);
  const [logged, setLogged] = useState<string | null>(null);
  const name = `${episode.patient.givenName} ${episode.patient.familyName}`;
  const active = episode.status === 'active';
  const nameOf = (userId: string) =>
    directory.data?.members.find((m) => m.userId === userId)?.displayName ?? 'A former colleague';
  return (
    <>
      <title>{`Collaborative care: ${name} — Behavioral health consult`}</title>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={paths.clinicHome(clinicId)}>Clinic home</Link> ›{' '}
        <Link to={paths.patient(clinicId, episode.patientId)}>{name}</Link>
      </nav>
      <div className="patient-head">
        <div>
          <h1>Collaborative care: {name}</h1>
          <p data-testid="episode-status">
            {active
              ? `Active · week ${episode.weeksInTreatment} since referral on ${formatIsoDate(episode.referredOn)}`
              : `Discharged ${episode.discharge ? formatDateTime(episode.discharge.at, episode.timeZone) : ''}`}
          </p>
        </div>
        {active && (
          <div className="patient-actions">
            <button
              type="button"
              className="button button-primary"
              onClick={() => setLogging(true)}
            >
              Log contact
            </button>
            <button type="button" className="button" onClick={() => setDischarging(true)}>
              Discharge…
            </button>
          </div>
        )}
      </div>
      {logged && (
        <p className="notice" role="status">
          {logged}
        </p>
      )}
      <section className="card" aria-labelledby="flags-heading">
        <h2 id="flags-heading">Flags</h2>
        {episode.flags.length === 0 ? (
          <p>No flags.</p>
        ) : (
          <ul className="flag-list">
            {sortFlags(episode.flags).map((flag) => (
              <li key={flag.kind} data-flag={flag.kind}>
                <span className={`flag-chip flag-${FLAG_TONE[flag.kind]}`}>
                  {FLAG_LABEL[flag.kind]}
                </span>{' '}
                {flag.reason}{' '}
                <span className="hint">
                  (since {formatIsoDate(isoDateIn(Date.parse(flag.since), episode.timeZone))})
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <EpisodeFacts episode={episode} nameOf={nameOf} />
      <PlanSection episode={episode} onSaved={update} />
      <section className="card" aria-labelledby="measures-heading">
        <h2 id="measures-heading">Measures</h2>
        {episode.measures.length === 0 ? (
          <p>No PHQ-9 or GAD-7 yet. Screenings of the patient attach here by themselves.</p>
        ) : (
          <TrendChart measures={episode.measures} timeZone={episode.timeZone} />
        )}
      </section>
      <ActivitiesList episode={episode} nameOf={nameOf} onLog={() => setLogging(true)} />
      {active && <ReviewRequestSection episode={episode} onSaved={update} nameOf={nameOf} />}
      <RelapsePlanSection episode={episode} onSaved={update} />
      {logging && (
        <LogActivityDialog
          episode={episode}
          onClose={() => setLogging(false)}
          onLogged={(result) => {
            setLogging(false);
            setLogged(`Logged ${result.activity.minutes} minutes.`);
            update(result.episode);
          }}
        />
      )}
      {discharging && (
        <DischargeDialog
          episode={episode}
          onClose={() => setDischarging(false)}
          onDischarged={(view) => {
            setDischarging(false);
            update(view);
          }}
        />
      )}
    </>
  );
}
