import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '@lib/api';
import type { EpisodeView, Me } from '@lib/contracts';
import { CrossClinicShell } from '@lib/registry/CrossClinicShell';
import { LogActivityDialog } from '@lib/registry/LogActivityDialog';
import { registryKeys } from '@lib/registry/queries';
import { LoadMore } from '@lib/ui/LoadMore';
import { ErrorNotice, Loading } from '@lib/ui/Status';
import { CapacityMeter } from './CapacityMeter';
import { CaseloadFilters, type Filters } from './CaseloadFilters';
import { CaseloadTable } from './CaseloadTable';
import { sortRows, type Sort, type SortKey } from '@lib/registry/sort';

/** The BCM's caseload at /caseload: every active episode across the clinics they cover. */
export function CaseloadPage() {
  return (
    <CrossClinicShell title="My caseload" roles={['bcm']} forWhom="for behavioral care managers">
      {(me) => <Caseload me={me} />}
    </CrossClinicShell>
  );
}

const POLL_MS = 60_000;

function Caseload({ me }: { me: Me }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<Filters>({
    clinicId: '',
    flag: '',
    minWeeks: '',
    maxWeeks: '',
  });
  const [sort, setSort] = useState<Sort>({ key: 'flags', direction: 'descending' });
  const [logging, setLogging] = useState<EpisodeView | null>(null);
  const [logged, setLogged] = useState<string | null>(null);
  const query = {
    clinicId: filters.clinicId || undefined,
    flag: filters.flag || undefined,
    minWeeks: filters.minWeeks === '' ? undefined : Number(filters.minWeeks),
    maxWeeks: filters.maxWeeks === '' ? undefined : Number(filters.maxWeeks),
  };
  const caseload = useInfiniteQuery({
    queryKey: registryKeys.caseload(query),
    queryFn: ({ pageParam, signal }) =>
      api.call('getMyCaseload', { query: { ...query, limit: 50, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: POLL_MS,
  });
  const rows = sortRows(caseload.data?.pages.flatMap((p) => p.items) ?? [], sort);
  const capacity = caseload.data?.pages[0]?.capacity;
  const clinics = [
    ...new Map(
      me.memberships.filter((m) => m.role === 'bcm').map((m) => [m.clinicId, m] as const),
    ).values(),
  ];

  const onSort = (key: SortKey) =>
    setSort((current) =>
      current.key === key
        ? { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
        : { key, direction: key === 'patient' || key === 'clinic' ? 'ascending' : 'descending' },
    );

  return (
    <>
      <title>My caseload — Behavioral health consult</title>
      <h1>My caseload</h1>
      {capacity && <CapacityMeter capacity={capacity} />}
      <section className="card" aria-labelledby="caseload-heading">
        <h2 id="caseload-heading">Active patients</h2>
        <CaseloadFilters clinics={clinics} value={filters} onChange={setFilters} />
        {logged && (
          <p className="notice" role="status">
            {logged}
          </p>
        )}
        {caseload.isPending && <Loading label="Loading caseload…" />}
        {caseload.isError && (
          <ErrorNotice error={caseload.error} onRetry={() => void caseload.refetch()} />
        )}
        {caseload.isSuccess && rows.length === 0 && <p>No active patients match.</p>}
        {rows.length > 0 && (
          <CaseloadTable rows={rows} sort={sort} onSort={onSort} onLog={setLogging} />
        )}
        <LoadMore list={caseload} />
      </section>
      {logging && (
        <LogActivityDialog
          episode={logging}
          onClose={() => setLogging(null)}
          onLogged={(result) => {
            setLogging(null);
            setLogged(
              `Logged ${result.activity.minutes} minutes for ${result.episode.patient.givenName} ${result.episode.patient.familyName}.`,
            );
            // The counts and flags are the server's: refetch the caseload (and its capacity).
            void queryClient.invalidateQueries({ queryKey: registryKeys.caseloadAll });
            void queryClient.invalidateQueries({
              queryKey: registryKeys.episodesOf(result.episode.clinicId, result.episode.patientId),
            });
          }}
        />
      )}
    </>
  );
}
