import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useApi } from '@lib/api';
import type { Handoff } from '@lib/contracts';
import { MAX_HANDOFF_PARTICIPANTS } from '@lib/contracts';
import { handoffKey } from '@lib/handoff/useHandoff';
import { ErrorNotice } from '@lib/ui/Status';

/**
 * Adds an interpreter or a second clinician of the clinic to the live call by their user id
 * (shown on their account); they then open the request and join from their own device.
 */
export function AddPeople({ handoff }: { handoff: Handoff }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [userId, setUserId] = useState('');
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
            <label htmlFor="add-person">Their user ID</label>
            <input
              id="add-person"
              value={userId}
              onChange={(e) => setUserId(e.target.value)}
              required
            />
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
