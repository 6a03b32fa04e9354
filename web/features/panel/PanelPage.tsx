import { useInfiniteQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type * as z from 'zod';
import { useApi } from '@lib/api';
import { RegistryFlagKind, type Me, type PanelEntry } from '@lib/contracts';
import { CrossClinicShell } from '@lib/registry/CrossClinicShell';
import { PRIORITY_LABEL, reviewPaths } from '@lib/registry/review';
import { FlagChips } from '@lib/registry/FlagChips';
import { FLAG_LABEL } from '@lib/registry/flags';
import { registryKeys } from '@lib/registry/queries';
import { formatShortDateTime, useNow } from '@lib/time';
import { LoadMore } from '@lib/ui/LoadMore';
import { ErrorNotice, Loading } from '@lib/ui/Status';
import './panel.css';

type Entry = z.infer<typeof PanelEntry>;

/** /panel: the psychiatrist's weekly review list across every clinic they consult for. */
export function PanelPage() {
  return (
    <CrossClinicShell
      title="Review panel"
      roles={['psychiatrist']}
      forWhom="for psychiatric consultants"
    >
      {(me) => <Panel me={me} />}
    </CrossClinicShell>
  );
}

function Panel({ me }: { me: Me }) {
  const api = useApi();
  const now = useNow();
  const clinicFilterId = useId();
  const flagFilterId = useId();
  const [clinicId, setClinicId] = useState('');
  const [flag, setFlag] = useState<z.infer<typeof RegistryFlagKind> | ''>('');
  const [search] = useSearchParams();
  const sessionId = search.get('session') ?? undefined;
  const clinics = me.memberships.filter((m) => m.role === 'psychiatrist');
  const panel = useInfiniteQuery({
    queryKey: [...registryKeys.panelAll, clinicId, flag],
    queryFn: ({ pageParam, signal }) =>
      api.call('getMyPanel', {
        query: {
          limit: 50,
          cursor: pageParam,
          clinicId: clinicId || undefined,
          flag: flag || undefined,
        },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 30_000,
  });
  const items = panel.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <title>Review panel — Behavioral health consult</title>
      <h1>Weekly review panel</h1>
      <p className="lead">
        Active patients of the {clinics.length} clinic{clinics.length === 1 ? '' : 's'} you consult
        for, in review order: safety, new, not improving, asked by the BCM, then the rest.
      </p>
      {sessionId && (
        <p className="notice">
          Case-review session in progress: reviews you record from here are added to it.{' '}
          <Link to={reviewPaths.reviewSession(sessionId)}>Back to the session</Link>
        </p>
      )}
      <form className="panel-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={clinicFilterId}>Clinic</label>
          <select
            id={clinicFilterId}
            value={clinicId}
            onChange={(e) => setClinicId(e.target.value)}
          >
            <option value="">All clinics</option>
            {clinics.map((c) => (
              <option key={c.clinicId} value={c.clinicId}>
                {c.clinicName}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={flagFilterId}>Flag</label>
          <select
            id={flagFilterId}
            value={flag}
            onChange={(e) => setFlag(e.target.value as z.infer<typeof RegistryFlagKind> | '')}
          >
            <option value="">Any flag or none</option>
            {RegistryFlagKind.options.map((kind) => (
              <option key={kind} value={kind}>
                {FLAG_LABEL[kind]}
              </option>
            ))}
          </select>
        </div>
      </form>
      {panel.isPending && <Loading label="Loading the panel…" />}
      {panel.isError && <ErrorNotice error={panel.error} onRetry={() => void panel.refetch()} />}
      {panel.isSuccess && items.length === 0 && <p>No patients match.</p>}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="panel-table">
            <caption>
              Patients to review, highest priority first ({items.length}
              {panel.hasNextPage ? '+' : ''})
            </caption>
            <thead>
              <tr>
                <th scope="col">Priority</th>
                <th scope="col">Patient</th>
                <th scope="col">Clinic</th>
                <th scope="col">Weeks</th>
                <th scope="col">PHQ-9 latest (baseline)</th>
                <th scope="col">GAD-7 latest (baseline)</th>
                <th scope="col">Flags</th>
                <th scope="col">Last review</th>
              </tr>
            </thead>
            <tbody>
              {items.map((row) => (
                <PanelRow key={row.episodeId} row={row} now={now} sessionId={sessionId} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={panel} />
    </>
  );
}

const score = (latest?: { score: number }, baseline?: { score: number }) =>
  latest || baseline ? `${latest?.score ?? '—'} (${baseline?.score ?? '—'})` : 'none';

function PanelRow({ row, now, sessionId }: { row: Entry; now: number; sessionId?: string }) {
  const name = `${row.patient.familyName}, ${row.patient.givenName}`;
  return (
    <tr className={`panel-row panel-priority-${row.priority}`}>
      <td>
        <span className={`priority-tag priority-${row.priority}`}>
          {PRIORITY_LABEL[row.priority]}
        </span>
      </td>
      <th scope="row">
        <Link to={reviewPaths.caseReview(row.clinicId, row.patientId, row.episodeId, sessionId)}>
          {name}
        </Link>
        <span className="hint"> · MRN {row.patient.mrn ?? '—'}</span>
      </th>
      <td>{row.clinicName}</td>
      <td>{row.weeksInTreatment}</td>
      <td>{score(row.latest.phq9, row.baseline.phq9)}</td>
      <td>{score(row.latest.gad7, row.baseline.gad7)}</td>
      <td>
        <FlagChips flags={row.flags} timeZone={row.timeZone} />
      </td>
      <td>
        {row.lastPsychiatricReviewAt
          ? formatShortDateTime(row.lastPsychiatricReviewAt, row.timeZone, now)
          : 'Never'}
      </td>
    </tr>
  );
}
