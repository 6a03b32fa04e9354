import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useApi } from '@lib/api';
import { useClinic } from '@lib/clinic';
import { ErrorNotice, Loading } from '@lib/ui/Status';
import { formatDateTime, formatIsoDate } from '@lib/time';

const LEVEL_LABEL = { low: 'Low', moderate: 'Moderate', high: 'High' } as const;

/**
 * The safety summary every clinical role sees (level, follow-up, plan version); the PCP sees it even
 * when the assessment note is restricted. Links to the full record for the roles that may open it.
 */
export function SafetySummary({ patientId }: { patientId: string }) {
  const api = useApi();
  const { clinicId, timeZone, role } = useClinic();
  const summary = useQuery({
    queryKey: ['clinic', clinicId, 'patient', patientId, 'safety', 'summary'],
    queryFn: ({ signal }) =>
      api.call('getSafetySummary', { params: { clinicId, patientId }, signal }),
  });
  const opensRecord = role === 'pcp' || role === 'bcm' || role === 'psychiatrist';
  const data = summary.data;
  return (
    <section className="card safety-summary" aria-labelledby="safety-heading">
      <h2 id="safety-heading">Safety</h2>
      {summary.isPending && <Loading label="Loading safety summary…" />}
      {summary.isError && (
        <ErrorNotice error={summary.error} onRetry={() => void summary.refetch()} />
      )}
      {data && (
        <dl className="facts">
          <div>
            <dt>Risk level</dt>
            <dd className={data.level ? `risk-level risk-${data.level}` : undefined}>
              {data.level ? LEVEL_LABEL[data.level] : 'No risk assessment recorded'}
              {data.assessedAt && ` (assessed ${formatDateTime(data.assessedAt, timeZone)})`}
            </dd>
          </div>
          <div>
            <dt>Follow-up</dt>
            <dd>{data.followUpDate ? formatIsoDate(data.followUpDate) : '—'}</dd>
          </div>
          <div>
            <dt>Safety plan</dt>
            <dd>
              {data.planVersion
                ? `Version ${data.planVersion}${data.planUpdatedAt ? `, updated ${formatDateTime(data.planUpdatedAt, timeZone)}` : ''}`
                : 'No safety plan yet'}
            </dd>
          </div>
        </dl>
      )}
      {opensRecord && (
        <p>
          <Link to="safety">Open the safety record</Link>
        </p>
      )}
    </section>
  );
}
