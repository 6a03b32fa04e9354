import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useApi } from '@lib/api';
import type { Handoff } from '@lib/contracts';
import { MAX_HANDOFF_PARTICIPANTS } from '@lib/contracts';
import { handoffKey } from '@lib/handoff/useHandoff';
import { ErrorNotice } from '@lib/ui/Status';

const CALL_ROLES = new Set(['pcp', 'ma', 'bcm', 'psychiatrist']);

/**
 * Adds an interpreter or a second clinician of the clinic to the live call, chosen from the
 * clinic's staff; they then open the request and join from their own device.
 */
export function AddPeople({ handoff }: { handoff: Handoff }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [userId, setUserId] = useState('');
  const directory = useQuery({
    queryKey: ['clinic', handoff.clinicId, 'directory'],
    queryFn: ({ signal }) =>
      api.call('getClinicDirectory', { params: { clinicId: handoff.clinicId }, signal }),
    staleTime: 5 * 60_000,
  });
  const onCall = new Set(handoff.participants.map((p) => p.userId));
  const candidates = (directory.data?.members ?? []).filter(
    (member) => CALL_ROLES.has(member.role) && !onCall.has(member.userId),
  );
  const add = useMutation({
    mutationFn: () =>
      api.call('addHandoffParticipant', {
        params: { clinicId: handoff.clinicId, handoffId: handoff.handoffId },
        body: { userId: userId.trim() },
      }),
    onSuccess: (next) => {
      queryClient.setQueryData(handoffKey(next.clinicId, next.handoffId), next);
      setUserId('');
    },
  });
  const full = handoff.participants.length >= MAX_HANDOFF_PARTICIPANTS;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  return (
    <details className="call-add-people">
      <summary>Add an interpreter or a colleague</summary>
      {full ? (
        <p>The call is full ({MAX_HANDOFF_PARTICIPANTS} people).</p>
      ) : (
        <form onSubmit={onSubmit}>
          <div className="field">
            <label htmlFor="add-person">Who</label>
            <select
              id="add-person"
              value={userId}
              onChange={(e) => setUserId(e.target.value)}
              required
            >
              <option value="">Choose a colleague…</option>
              {candidates.map((member) => (
                <option key={`${member.userId}-${member.role}`} value={member.userId}>
                  {member.displayName} ({member.role.toUpperCase()})
                </option>
              ))}
            </select>
            {directory.isError && <ErrorNotice error={directory.error} />}
          </div>
          <button type="submit" className="button" disabled={add.isPending || !userId.trim()}>
            {add.isPending ? 'Adding…' : 'Add to the call'}
          </button>
          {add.isError && <ErrorNotice error={add.error} title="Not added" />}
          {add.isSuccess && <p role="status">Added. They can join from their own device now.</p>}
        </form>
      )}
    </details>
  );
}
