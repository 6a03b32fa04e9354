import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { bodyFieldErrors, isApiError, useApi } from '@lib/api';
import { HandoffOutcomeCode, type Handoff } from '@lib/contracts';
import { OUTCOME_LABEL, proposedMinutes } from '@lib/handoff/labels';
import { handoffKey } from '@lib/handoff/useHandoff';
import { ErrorNotice } from '@lib/ui/Status';

/** After the call, the accepting BCM records what happened; the minutes count for billing. */
export function OutcomeForm({ handoff }: { handoff: Handoff }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [outcomes, setOutcomes] = useState<HandoffOutcomeCode[]>([]);
  const [note, setNote] = useState('');
  const [minutes, setMinutes] = useState(() => String(proposedMinutes(handoff, Date.now())));
  const record = useMutation({
    mutationFn: () =>
      api.call('recordHandoffOutcome', {
        params: { clinicId: handoff.clinicId, handoffId: handoff.handoffId },
        body: {
          outcomes,
          ...(note.trim() ? { note: note.trim() } : {}),
          minutes: Number(minutes),
        },
      }),
    onSuccess: (next) => queryClient.setQueryData(handoffKey(next.clinicId, next.handoffId), next),
  });
  const errors =
    record.error && isApiError(record.error) ? bodyFieldErrors(record.error) : undefined;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate();
  };
  const toggle = (code: HandoffOutcomeCode, on: boolean) =>
    setOutcomes((current) => (on ? [...current, code] : current.filter((c) => c !== code)));
  return (
    <form className="card" onSubmit={onSubmit} aria-labelledby="outcome-heading" noValidate>
      <h2 id="outcome-heading">Outcome of the call</h2>
      <fieldset>
        <legend>What happened (choose at least one)</legend>
        {HandoffOutcomeCode.options.map((code) => (
          <label key={code} className="checkbox">
            <input
              type="checkbox"
              checked={outcomes.includes(code)}
              onChange={(e) => toggle(code, e.target.checked)}
            />{' '}
            {OUTCOME_LABEL[code]}
          </label>
        ))}
        {errors?.byField.get('outcomes') && (
          <p className="field-error">{errors.byField.get('outcomes')}</p>
        )}
      </fieldset>
      <div className="field">
        <label htmlFor="outcome-minutes">Care-management minutes</label>
        <input
          id="outcome-minutes"
          type="number"
          inputMode="numeric"
          min={1}
          max={240}
          value={minutes}
          aria-invalid={errors?.byField.has('minutes') || undefined}
          onChange={(e) => setMinutes(e.target.value)}
        />
        <p className="hint">Proposed from the call’s length; change it if it does not match.</p>
        {errors?.byField.get('minutes') && (
          <p className="field-error">{errors.byField.get('minutes')}</p>
        )}
      </div>
      <div className="field">
        <label htmlFor="outcome-note">Note (optional)</label>
        <textarea
          id="outcome-note"
          rows={3}
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      {record.isError && <ErrorNotice error={record.error} title="The outcome was not recorded" />}
      <button type="submit" className="button button-primary" disabled={record.isPending}>
        {record.isPending ? 'Recording…' : 'Record outcome'}
      </button>
    </form>
  );
}
