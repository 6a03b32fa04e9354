import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useApi } from '../../api';
import { useClinic } from '../../clinic';
import { useServerMessage } from '../../realtime';
import { registryKeys } from '../queries';
import { RecommendationActions } from '../RecommendationActions';
import { RECOMMENDATION_KIND_LABEL, RECOMMENDATION_STATUS_LABEL, reviewPaths } from '../review';
import { formatShortDateTime, useNow } from '../../time';
import { ErrorNotice, Loading } from '../../ui/Status';
import { threadKeys } from './keys';

/**
 * The patient's recommendation thread. Only the addressed PCP answers; the BCM and the
 * psychiatrist read the same thread.
 */
export function RecommendationThread({
  patientId,
  names,
}: {
  patientId: string;
  names: (userId: string) => string;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { clinicId, timeZone, role, me } = useClinic();
  const now = useNow();
  const key = threadKeys.recommendations(clinicId, patientId);
  const thread = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      api.call('listRecommendations', { params: { clinicId, patientId }, signal }),
  });
  useServerMessage('inbox.updated', (message) => {
    if (message.clinicId === clinicId && message.patientId === patientId) {
      void queryClient.invalidateQueries({ queryKey: key });
    }
  });
  const items = thread.data?.items ?? [];
  return (
    <section className="card" aria-labelledby="rec-thread-heading">
      <h2 id="rec-thread-heading">Psychiatric recommendations</h2>
      {thread.isPending && <Loading label="Loading recommendations…" />}
      {thread.isError && <ErrorNotice error={thread.error} onRetry={() => void thread.refetch()} />}
      {thread.isSuccess && items.length === 0 && <p>No recommendations for this patient.</p>}
      {items.length > 0 && (
        <ul className="rec-list" aria-label="Recommendations">
          {items.map((rec) => (
            <li key={rec.recommendationId} className="rec-item">
              <p>
                <strong>{RECOMMENDATION_KIND_LABEL[rec.kind]}</strong> from {names(rec.by)} to{' '}
                {names(rec.to)}, {formatShortDateTime(rec.at, timeZone, now)} ·{' '}
                {RECOMMENDATION_STATUS_LABEL[rec.status]}
                {rec.overdue && <span className="rec-overdue"> · Acknowledgement overdue</span>}
              </p>
              <p className="rec-text">{rec.text}</p>
              {rec.reason && <p className="hint">Reason for declining: {rec.reason}</p>}
              {role === 'pcp' && rec.to === me.userId && (
                <RecommendationActions
                  rec={rec}
                  onChanged={() => {
                    void queryClient.invalidateQueries({ queryKey: key });
                    void queryClient.invalidateQueries({ queryKey: registryKeys.inboxAll });
                  }}
                />
              )}
              {role === 'psychiatrist' && (
                <Link to={reviewPaths.caseReview(clinicId, patientId, rec.episodeId)}>
                  Open the case review
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
