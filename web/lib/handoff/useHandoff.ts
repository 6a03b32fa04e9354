import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api';
import { useRealtime, useServerMessage } from '../realtime';

export const handoffKey = (clinicId: string, handoffId: string) =>
  ['clinic', clinicId, 'handoff', handoffId] as const;

/** While the socket is down the screen asks the server instead of waiting for a push. */
const POLL_MS = 5_000;

/**
 * One handoff, kept fresh: refetched when the socket announces a transition of it, polled while the
 * socket is down.
 */
export function useHandoff(clinicId: string, handoffId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { state } = useRealtime();
  useServerMessage('handoff.updated', (message) => {
    if (message.handoffId !== handoffId) return;
    const known = queryClient.getQueryData<{ version: number }>(handoffKey(clinicId, handoffId));
    if (!known || known.version < message.version) {
      void queryClient.invalidateQueries({ queryKey: handoffKey(clinicId, handoffId) });
    }
  });
  return useQuery({
    queryKey: handoffKey(clinicId, handoffId),
    queryFn: ({ signal }) => api.call('getHandoff', { params: { clinicId, handoffId }, signal }),
    staleTime: 0,
    refetchInterval: state === 'polling' ? POLL_MS : false,
  });
}
