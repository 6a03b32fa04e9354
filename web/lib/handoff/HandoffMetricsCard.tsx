import { useQuery } from '@tanstack/react-query';
import { useApi } from '../api';
import { ErrorNotice, Loading } from '../ui/Status';
import { formatSeconds } from './labels';

/** The clinic's warm-handoff numbers over the last 30 days (admin overview). */
export function HandoffMetricsCard({ clinicId, days = 30 }: { clinicId: string; days?: number }) {
  const api = useApi();
  const metrics = useQuery({
    queryKey: ['clinic', clinicId, 'handoff-metrics', days],
    queryFn: ({ signal }) =>
      api.call('getHandoffMetrics', { params: { clinicId }, query: { days }, signal }),
  });
  const m = metrics.data;
  return (
    <section className="card" aria-labelledby="handoff-metrics-heading">
      <h2 id="handoff-metrics-heading">Warm handoffs, last {days} days</h2>
      {metrics.isPending && <Loading label="Loading handoff numbers…" />}
      {metrics.isError && (
        <ErrorNotice error={metrics.error} onRetry={() => void metrics.refetch()} />
      )}
      {m && (
        <dl className="facts">
          <div>
            <dt>Requested</dt>
            <dd>{m.requested}</dd>
          </div>
          <div>
            <dt>Accepted</dt>
            <dd>{m.accepted}</dd>
          </div>
          <div>
            <dt>On video</dt>
            <dd>{m.connected}</dd>
          </div>
          <div>
            <dt>Fell back</dt>
            <dd>{m.fellBack}</dd>
          </div>
          <div>
            <dt>Cancelled</dt>
            <dd>{m.cancelled}</dd>
          </div>
          <div>
            <dt>Median time to accept</dt>
            <dd>{formatSeconds(m.medianTimeToAcceptMs)}</dd>
          </div>
          <div>
            <dt>Median time to video</dt>
            <dd>{formatSeconds(m.medianTimeToConnectMs)}</dd>
          </div>
        </dl>
      )}
    </section>
  );
}
