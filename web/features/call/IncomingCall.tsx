import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useApi } from '@lib/api';
import { useClinic } from '@lib/clinic';
import { handoffPaths } from '@lib/handoff/paths';
import { useRealtime, useServerMessage } from '@lib/realtime';

const POLL_MS = 5_000;

/**
 * On the exam-room tablet: when a BCM accepts a request this tablet is the patient's side of, go
 * straight to the call screen (pushed over the socket; polled while the socket is down).
 */
export function IncomingCall() {
  const { clinicId } = useClinic();
  const api = useApi();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const { state } = useRealtime();
  const onCall = pathname.includes('/handoffs/');
  useServerMessage('handoff.updated', (message) => {
    if (message.clinicId !== clinicId || message.status !== 'accepted' || onCall) return;
    void navigate(handoffPaths.call(clinicId, message.handoffId, 'device'));
  });
  const live = useQuery({
    queryKey: ['clinic', clinicId, 'handoffs', 'live'],
    queryFn: ({ signal }) =>
      api.call('listHandoffs', {
        params: { clinicId },
        query: { status: 'live', limit: 5 },
        signal,
      }),
    enabled: state === 'polling' && !onCall,
    refetchInterval: POLL_MS,
  });
  const waiting = live.data?.items.find((h) => h.status === 'accepted' && h.meeting);
  useEffect(() => {
    if (waiting && !onCall) void navigate(handoffPaths.call(clinicId, waiting.handoffId, 'device'));
  }, [waiting, onCall, clinicId, navigate]);
  return null;
}
