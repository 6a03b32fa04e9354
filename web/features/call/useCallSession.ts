import { useMemo } from 'react';
import { useApi } from '@lib/api';
import { useCallSession as useSharedCallSession } from '@lib/call/useCallSession';

export type { CallSession, SessionStatus } from '@lib/call/useCallSession';

/** The handoff's call: its own join route, and "joined" reported once media is up. */
export function useCallSession(clinicId: string, handoffId: string) {
  const api = useApi();
  const source = useMemo(() => {
    const params = { clinicId, handoffId };
    return {
      fetchJoin: () => api.call('joinHandoffCall', { params }),
      onConnected: () => api.call('markHandoffJoined', { params }),
    };
  }, [api, clinicId, handoffId]);
  return useSharedCallSession(source);
}
