import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type * as z from 'zod';
import { useApi } from '@lib/api';
import type { Me, RecommendationView } from '@lib/contracts';
import { paths } from '@lib/paths';
import { useRealtime, useServerMessage } from '@lib/realtime';
import { CrossClinicShell } from '@lib/registry/CrossClinicShell';
import { registryKeys } from '@lib/registry/queries';
import { RecommendationActions } from '@lib/registry/RecommendationActions';
import { RECOMMENDATION_KIND_LABEL, RECOMMENDATION_STATUS_LABEL } from '@lib/registry/review';
import { formatShortDateTime, useNow } from '@lib/time';
import { LoadMore } from '@lib/ui/LoadMore';
import { ErrorNotice, Loading } from '@lib/ui/Status';
import './inbox.css';

type Rec = z.infer<typeof RecommendationView>;
type Filter = 'open' | 'all';

const POLL_MS = 30_000;

/** /inbox: the PCP's recommendations from the psychiatrist, open first, overdue marked. */
export function InboxPage() {
  return (
    <CrossClinicShell title="Inbox" roles={['pcp']} forWhom="for primary care clinicians">
      {(me) => <Inbox me={me} />}
    </CrossClinicShell>
  );
}

function Inbox({ me }: { me: Me }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { state } = useRealtime();
  const now = useNow();
  const [filter, setFilter] = useState<Filter>('open');
  const [arrived, setArrived] = useState(false);
  const inbox = useInfiniteQuery({
    queryKey: [...registryKeys.inboxAll, filter],
    queryFn: ({ pageParam, signal }) =>
      api.call('getMyInbox', { query: { status: filter, limit: 50, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 0,
    // Without the socket nothing is pushed: check now and then instead.
    refetchInterval: state === 'polling' ? POLL_MS : false,
  });
  useServerMessage('inbox.updated', () => {
    setArrived(true);
    void queryClient.invalidateQueries({ queryKey: registryKeys.inboxAll });
  });
  const items = inbox.data?.pages.flatMap((page) => page.items) ?? [];
  const zoneOf = (clinicId: string) =>
    me.memberships.find((m) => m.clinicId === clinicId)?.timeZone ?? 'UTC';
  const clinicName = (clinicId: string) =>
    me.memberships.find((m) => m.clinicId === clinicId)?.clinicName ?? clinicId;
  const onChanged = () => void queryClient.invalidateQueries({ queryKey: registryKeys.inboxAll });
  const openCount = items.filter((r) => r.status === 'sent' || r.status === 'acknowledged').length;
  return (
    <>
      <title>{`${openCount > 0 ? `(${openCount}) ` : ''}Inbox — Behavioral health consult`}</title>
      <h1>Recommendations inbox</h1>
      <p className="lead">
        The psychiatric consultant’s recommendations for your patients. Acknowledge each one, then
        mark it implemented or declined with a reason.
      </p>
      {arrived && (
        <p className="notice" role="status">
          A new recommendation arrived.{' '}
          <button type="button" className="button button-small" onClick={() => setArrived(false)}>
            Dismiss
          </button>
        </p>
      )}
      <fieldset className="segmented">
        <legend>Show</legend>
        {(['open', 'all'] as const).map((value) => (
          <label key={value}>
            <input
              type="radio"
              name="inbox-filter"
              checked={filter === value}
              onChange={() => setFilter(value)}
            />
            <span>{value === 'open' ? 'Open' : 'All'}</span>
          </label>
        ))}
      </fieldset>
      {inbox.isPending && <Loading label="Loading recommendations…" />}
      {inbox.isError && <ErrorNotice error={inbox.error} onRetry={() => void inbox.refetch()} />}
      {inbox.isSuccess && items.length === 0 && (
        <p>{filter === 'open' ? 'No open recommendations.' : 'No recommendations yet.'}</p>
      )}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="inbox-table">
            <caption>
              {filter === 'open' ? 'Open recommendations' : 'All recommendations'}, open first
            </caption>
            <thead>
              <tr>
                <th scope="col">Patient</th>
                <th scope="col">Recommendation</th>
                <th scope="col">Sent</th>
                <th scope="col">Status</th>
                <th scope="col">Your answer</th>
              </tr>
            </thead>
            <tbody>
              {items.map((rec) => (
                <InboxRow
                  key={rec.recommendationId}
                  rec={rec}
                  clinicName={clinicName(rec.clinicId)}
                  timeZone={zoneOf(rec.clinicId)}
                  now={now}
                  onChanged={onChanged}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={inbox} />
    </>
  );
}

function InboxRow({
  rec,
  clinicName,
  timeZone,
  now,
  onChanged,
}: {
  rec: Rec;
  clinicName: string;
  timeZone: string;
  now: number;
  onChanged: () => void;
}) {
  return (
    <tr className={rec.overdue ? 'inbox-row inbox-overdue' : 'inbox-row'}>
      <th scope="row">
        <Link to={paths.patient(rec.clinicId, rec.patientId)}>{rec.patientLabel}</Link>
        <span className="hint"> · {clinicName}</span>
      </th>
      <td>
        <strong>{RECOMMENDATION_KIND_LABEL[rec.kind]}</strong>
        <p className="rec-text">{rec.text}</p>
      </td>
      <td>{formatShortDateTime(rec.at, timeZone, now)}</td>
      <td>
        {RECOMMENDATION_STATUS_LABEL[rec.status]}
        {rec.overdue && <strong className="rec-overdue"> · Overdue</strong>}
        {rec.reason && <p className="hint">Reason: {rec.reason}</p>}
      </td>
      <td>
        <RecommendationActions rec={rec} onChanged={onChanged} />
      </td>
    </tr>
  );
}
