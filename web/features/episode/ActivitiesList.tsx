import { useInfiniteQuery } from '@tanstack/react-query';
import { useApi } from '@lib/api';
import type { EpisodeView } from '@lib/contracts';
import { ACTIVITY_KIND_LABEL, MODALITY_LABEL } from '@lib/registry/labels';
import { registryKeys } from '@lib/registry/queries';
import { LoadMore } from '@lib/ui/LoadMore';
import { ErrorNotice, Loading } from '@lib/ui/Status';
import { formatDateTime } from '@lib/time';

/** The episode's contacts and other activities, newest first, with who, when, modality, minutes. */
export function ActivitiesList({
  episode,
  nameOf,
  onLog,
}: {
  episode: EpisodeView;
  nameOf: (userId: string) => string;
  onLog: () => void;
}) {
  const api = useApi();
  const { clinicId, patientId, episodeId } = episode;
  const list = useInfiniteQuery({
    queryKey: registryKeys.activities(clinicId, patientId, episodeId),
    queryFn: ({ pageParam, signal }) =>
      api.call('listEpisodeActivities', {
        params: { clinicId, patientId, episodeId },
        query: { limit: 25, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="card" aria-labelledby="activities-heading">
      <h2 id="activities-heading">Contacts and activities</h2>
      {episode.status === 'active' && (
        <p>
          <button type="button" className="button" onClick={onLog}>
            Log an activity
          </button>
        </p>
      )}
      {list.isPending && <Loading label="Loading activities…" />}
      {list.isError && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && items.length === 0 && <p>Nothing logged yet.</p>}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="registry-table">
            <caption className="visually-hidden">
              Activities, newest first ({episode.clinicName} time)
            </caption>
            <thead>
              <tr>
                <th scope="col">When ({episode.clinicName})</th>
                <th scope="col">Activity</th>
                <th scope="col">Modality</th>
                <th scope="col">By</th>
                <th scope="col" className="num">
                  Minutes
                </th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.activityId}>
                  <td>{formatDateTime(a.occurredAt, episode.timeZone)}</td>
                  <td>
                    {ACTIVITY_KIND_LABEL[a.kind]}
                    {a.separatelyBilledAs && (
                      <span className="hint"> · billed as {a.separatelyBilledAs}</span>
                    )}
                  </td>
                  <td>{a.modality ? MODALITY_LABEL[a.modality] : '—'}</td>
                  <td>{nameOf(a.performedBy)}</td>
                  <td className="num">{a.minutes}</td>
                  <td>{a.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} />
    </section>
  );
}
