import { useQuery } from '@tanstack/react-query';
import { useApi } from '@lib/api';

type Period = { from?: string; to?: string };

/**
 * Each read of the dashboard is audited on the server (the numbers name patients), so it is not
 * refetched just because the window regained focus.
 */
const quiet = { staleTime: 5 * 60_000, refetchOnWindowFocus: false } as const;

export function useClinicOutcomes(clinicId: string, period: Period) {
  const api = useApi();
  return useQuery({
    queryKey: ['clinic', clinicId, 'outcomes', period] as const,
    queryFn: ({ signal }) =>
      api.call('getClinicOutcomes', { params: { clinicId }, query: period, signal }),
    ...quiet,
  });
}

export function useNetworkOutcomes(period: Period) {
  const api = useApi();
  return useQuery({
    queryKey: ['me', 'outcomes', period] as const,
    queryFn: ({ signal }) => api.call('getNetworkOutcomes', { query: period, signal }),
    ...quiet,
  });
}
