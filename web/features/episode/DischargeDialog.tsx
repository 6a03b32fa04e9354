import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { isApiError, useApi } from '@lib/api';
import { DischargeReason, type EpisodeView } from '@lib/contracts';
import { DISCHARGE_REASON_LABEL } from '@lib/registry/labels';
import { ErrorNotice } from '@lib/ui/Status';
import { bodyPaths } from './useEpisodeUpdate';
import { useModalDialog } from '@lib/registry/useModalDialog';

/**
 * Discharge in a modal dialog: goals met (needs the relapse-prevention plan), referred out, or
 * lapsed (no service for the clinic's months). The server decides and names the field.
 */
export function DischargeDialog({
  episode,
  onClose,
  onDischarged,
}: {
  episode: EpisodeView;
  onClose: () => void;
  onDischarged: (view: EpisodeView) => void;
}) {
  const api = useApi();
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState<DischargeReason>(
    episode.relapsePlan ? 'goals_met' : 'referred_out',
  );
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  useModalDialog(ref);
  const discharge = useMutation({
    mutationFn: () =>
      api.call('dischargeEpisode', {
        params: {
          clinicId: episode.clinicId,
          patientId: episode.patientId,
          episodeId: episode.episodeId,
        },
        body: { reason, ...(note.trim() ? { note: note.trim() } : {}) },
      }),
    onSuccess: onDischarged,
    onError: (error) => {
      if (isApiError(error)) setErrors(bodyPaths(error.fields));
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (reason === 'goals_met' && !episode.relapsePlan) {
      setErrors(new Map([['reason', 'Record the relapse-prevention plan first']]));
      return;
    }
    setErrors(new Map());
    discharge.mutate();
  };
  const reasonError = errors.get('reason');
  return (
    <dialog
      ref={ref}
      className="registry-dialog"
      aria-labelledby="discharge-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id="discharge-title">
        Discharge {episode.patient.givenName} {episode.patient.familyName}
      </h2>
      <form onSubmit={onSubmit} noValidate>
        <fieldset
          className="field"
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={reasonError ? 'discharge-reason-error' : undefined}
        >
          <legend>Reason</legend>
          {DischargeReason.options.map((r) => (
            <label key={r} className="radio-line">
              <input
                type="radio"
                name="discharge-reason"
                value={r}
                checked={reason === r}
                onChange={() => setReason(r)}
              />{' '}
              {DISCHARGE_REASON_LABEL[r]}
              {r === 'goals_met' && !episode.relapsePlan && (
                <span className="hint"> (needs the relapse-prevention plan)</span>
              )}
            </label>
          ))}
          {reasonError && (
            <p className="field-error" id="discharge-reason-error">
              {reasonError}
            </p>
          )}
        </fieldset>
        <div className="field">
          <label htmlFor="discharge-note">Note (optional)</label>
          <textarea
            id="discharge-note"
            rows={2}
            maxLength={1000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
        {discharge.isError && !reasonError && (
          <ErrorNotice error={discharge.error} title="Not discharged" />
        )}
        <div className="button-row">
          <button type="submit" className="button button-danger" disabled={discharge.isPending}>
            {discharge.isPending ? 'Discharging…' : 'Discharge'}
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
