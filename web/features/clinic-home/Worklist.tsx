import { useInfiniteQuery } from '@tanstack/react-query';
import { useApi } from '@lib/api';
import { useClinic } from '@lib/clinic';
import { paths } from '@lib/paths';
import { queryKeys } from '@lib/queries';
import { ScreeningTable } from '@lib/ui/screenings';
import { ErrorNotice, Loading } from '@lib/ui/Status';
import { useNow } from '@lib/time';
import { LoadMore } from '@lib/ui/LoadMore';

const PAGE_SIZE = 20;

/** Today's and recent screenings in the clinic, newest first, with "Load more". */
export function Worklist() {
  const api = useApi();
  const { clinicId, timeZone } = useClinic();
  const now = useNow();
  const list = useInfiniteQuery({
    queryKey: queryKeys.clinicScreenings(clinicId),
    queryFn: ({ pageParam, signal }) =>
      api.call('listClinicScreenings', {
        params: { clinicId },
        query: { limit: PAGE_SIZE, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    // New screenings arrive from the exam rooms: keep the worklist fresh while it is on screen.
    refetchInterval: 60_000,
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section className="card worklist" aria-labelledby="worklist-heading">
      <div className="section-head">
        <h2 id="worklist-heading">Recent screenings</h2>
        {list.isFetching && !list.isPending && (
          <span className="muted" role="status">
            Updating…
          </span>
        )}
      </div>
      {list.isPending && <Loading label="Loading screenings…" />}
      {list.isError && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && items.length === 0 && <p>No screenings yet.</p>}
      {items.length > 0 && (
        <div className="table-wrap">
          <ScreeningTable
            items={items}
            timeZone={timeZone}
            now={now}
            caption="Recent screenings in this clinic, newest first"
            showPatient
            resultPath={(item) => paths.result(clinicId, item.patientId, item.screeningId)}
          />
        </div>
      )}
      <LoadMore list={list} />
    </section>
  );
}
