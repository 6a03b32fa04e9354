import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { bodyFieldErrors, isApiError, useApi } from '../api';
import {
  defaultModalityOf,
  type ActivityLog,
  type ActivityModality,
  type EpisodeView,
  type RouteResponse,
} from '../contracts';
import { ErrorNotice } from '../ui/Status';
import { ACTIVITY_KIND_LABEL, LOGGABLE_KINDS, MODALITY_LABEL, type LoggableKind } from './labels';
import { newIdempotencyKey } from './queries';
import { TherapyCodeHint, therapyCodeFor } from './TherapyCodeHint';
import { localInputValue, utcOfLocalInput } from './zone';
import './registry.css';
import { useModalDialog } from './useModalDialog';

type Result = RouteResponse<'logActivity'>;

/**
 * Log a contact (or outreach, registry work) with its minutes for one episode, in a modal dialog.
 * The Idempotency-Key is made once per dialog: a double click or a retry after a dropped answer
 * sends the same key, so the server records the minutes once.
 */
export function LogActivityDialog({
  episode,
  onClose,
  onLogged,
}: {
  episode: EpisodeView;
  onClose: () => void;
  onLogged: (result: Result) => void;
}) {
  const api = useApi();
  const ref = useRef<HTMLDialogElement>(null);
  const [key] = useState(newIdempotencyKey);
  const [openedAt] = useState(() => Date.now());
  const [kind, setKind] = useState<LoggableKind>('call');
  const [modality, setModality] = useState<ActivityModality>(defaultModalityOf('call'));
  const [minutes, setMinutes] = useState('15');
  const [when, setWhen] = useState(() => localInputValue(openedAt, episode.timeZone));
  const [note, setNote] = useState('');
  const [billedSeparately, setBilledSeparately] = useState(false);
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const id = useId();
  const titleId = `${id}-title`;
  const name = `${episode.patient.familyName}, ${episode.patient.givenName}`;

  useModalDialog(ref);

  const log = useMutation({
    mutationFn: (body: ActivityLog) =>
      api.call('logActivity', {
        params: {
          clinicId: episode.clinicId,
          patientId: episode.patientId,
          episodeId: episode.episodeId,
        },
        headers: { 'Idempotency-Key': key },
        body,
      }),
    onSuccess: (result) => onLogged(result),
    onError: (error) => {
      if (isApiError(error)) setErrors(bodyFieldErrors(error).byField);
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (log.isPending) return;
    const problems = new Map<string, string>();
    const count = Number(minutes);
    if (!Number.isInteger(count) || count < 1 || count > 240)
      problems.set('minutes', 'Minutes must be a whole number from 1 to 240');
    // Left at the time the dialog opened: the contact just ended (the server counts back).
    const untouched = when === localInputValue(openedAt, episode.timeZone);
    const occurredAt = untouched ? undefined : utcOfLocalInput(when, episode.timeZone);
    if (!untouched && !occurredAt) problems.set('occurredAt', 'Enter a date and time');
    if (occurredAt && occurredAt.getTime() > Date.now())
      problems.set('occurredAt', 'The time cannot be in the future');
    setErrors(problems);
    if (problems.size > 0) return;
    // Only face-to-face visits and video can be psychotherapy; the code follows the minutes sent.
    const therapyCode =
      billedSeparately && (kind === 'visit' || kind === 'video')
        ? therapyCodeFor(count)?.code
        : undefined;
    log.mutate({
      kind,
      modality,
      minutes: count,
      ...(therapyCode ? { separatelyBilledAs: therapyCode } : {}),
      ...(occurredAt ? { occurredAt: occurredAt.toISOString() } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
  };

  const fieldError = (field: string) => {
    const message = errors.get(field);
    return message ? (
      <p className="field-error" id={`${id}-${field}-error`}>
        {message}
      </p>
    ) : null;
  };
  const describedBy = (field: string, hint?: string) =>
    [errors.has(field) ? `${id}-${field}-error` : '', hint ?? ''].filter(Boolean).join(' ') ||
    undefined;

  return (
    <dialog
      ref={ref}
      className="registry-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>Log contact: {name}</h2>
      <p className="hint">
        {episode.clinicName} · times in clinic time ({episode.timeZone})
      </p>
      <form onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-kind`}>Kind</label>
          <select
            id={`${id}-kind`}
            value={kind}
            onChange={(e) => {
              const next = e.target.value as LoggableKind;
              setKind(next);
              setModality(defaultModalityOf(next));
            }}
          >
            {LOGGABLE_KINDS.map((k) => (
              <option key={k} value={k}>
                {ACTIVITY_KIND_LABEL[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-modality`}>Modality</label>
          <select
            id={`${id}-modality`}
            value={modality}
            onChange={(e) => setModality(e.target.value as ActivityModality)}
          >
            {(Object.keys(MODALITY_LABEL) as ActivityModality[]).map((m) => (
              <option key={m} value={m}>
                {MODALITY_LABEL[m]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-minutes`}>Minutes</label>
          <input
            id={`${id}-minutes`}
            inputMode="numeric"
            value={minutes}
            aria-invalid={errors.has('minutes') || undefined}
            aria-describedby={describedBy('minutes')}
            onChange={(e) => setMinutes(e.target.value)}
          />
          {fieldError('minutes')}
        </div>
        {(kind === 'visit' || kind === 'video') && (
          <TherapyCodeHint
            minutes={Number(minutes)}
            billedSeparately={billedSeparately}
            onChange={setBilledSeparately}
          />
        )}
        <div className="field">
          <label htmlFor={`${id}-when`}>Started at ({episode.clinicName} time)</label>
          <input
            id={`${id}-when`}
            type="datetime-local"
            value={when}
            aria-invalid={errors.has('occurredAt') || undefined}
            aria-describedby={describedBy('occurredAt', `${id}-when-hint`)}
            onChange={(e) => setWhen(e.target.value)}
          />
          <p className="hint" id={`${id}-when-hint`}>
            Left unchanged, the contact is taken to have just ended.
          </p>
          {fieldError('occurredAt')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-note`}>Note (optional, no psychotherapy or SUD content)</label>
          <textarea
            id={`${id}-note`}
            rows={2}
            maxLength={1000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
        {log.isError && <ErrorNotice error={log.error} title="Not logged" />}
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={log.isPending}>
            {log.isPending ? 'Logging…' : 'Log contact'}
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
