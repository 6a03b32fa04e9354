import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useApi } from '../api';
import { useClinic } from '../clinic';
import type { Role } from '../contracts';
import { formatIsoDate } from '../time';
import { ErrorNotice, Loading } from '../ui/Status';
import { FlagChips } from './FlagChips';
import { DISCHARGE_REASON_LABEL } from './labels';
import { registryPaths } from './paths';
import { registryKeys } from './queries';

/** Roles on the care team (registry.read); PCPs and BCMs also enrol. */
const READERS: readonly Role[] = ['pcp', 'bcm', 'psychiatrist'];
const ENROLLERS: readonly Role[] = ['pcp', 'bcm'];

/** The patient page's "Collaborative care" card: the active episode's status, or a way to enrol. */
export function EpisodeCard({ patientId }: { patientId: string }) {
  const { clinicId, role } = useClinic();
  if (!READERS.includes(role)) return null;
  return <Card clinicId={clinicId} patientId={patientId} canEnrol={ENROLLERS.includes(role)} />;
}

function Card({
  clinicId,
  patientId,
  canEnrol,
}: {
  clinicId: string;
  patientId: string;
  canEnrol: boolean;
}) {
  const api = useApi();
  const episodes = useQuery({
    queryKey: registryKeys.episodesOf(clinicId, patientId),
    queryFn: ({ signal }) => api.call('listEpisodes', { params: { clinicId, patientId }, signal }),
  });
  const items = episodes.data?.items ?? [];
  const active = items.find((e) => e.status === 'active');
  const past = items.filter((e) => e.status !== 'active');
  return (
    <section className="card" aria-labelledby="episode-card-heading">
      <h2 id="episode-card-heading">Collaborative care</h2>
      {episodes.isPending && <Loading label="Loading episodes…" />}
      {episodes.isError && (
        <ErrorNotice error={episodes.error} onRetry={() => void episodes.refetch()} />
      )}
      {active && (
        <div data-testid="active-episode">
          <p>
            <strong>Enrolled</strong> · week {active.weeksInTreatment} since referral on{' '}
            {formatIsoDate(active.referredOn)}
            {active.latest.phq9 && ` · latest PHQ-9 ${active.latest.phq9.score}`}
            {active.baseline.phq9 && ` (baseline ${active.baseline.phq9.score})`}
          </p>
          <FlagChips flags={active.flags} timeZone={active.timeZone} />
          <p>
            <Link
              className="button"
              to={registryPaths.episode(clinicId, patientId, active.episodeId)}
            >
              Open the episode
            </Link>
          </p>
        </div>
      )}
      {episodes.isSuccess && !active && (
        <>
          <p>Not enrolled in collaborative care.</p>
          {canEnrol && (
            <p>
              <Link className="button" to={registryPaths.enrol(clinicId, patientId)}>
                Enrol in collaborative care
              </Link>
            </p>
          )}
        </>
      )}
      {past.length > 0 && (
        <>
          <h3>Earlier episodes</h3>
          <ul>
            {past.map((e) => (
              <li key={e.episodeId}>
                <Link to={registryPaths.episode(clinicId, patientId, e.episodeId)}>
                  Referred {formatIsoDate(e.referredOn)}
                </Link>
                {e.discharge && ` · ${DISCHARGE_REASON_LABEL[e.discharge.reason]}`}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
