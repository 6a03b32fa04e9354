import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { isApiError, useApi } from '@lib/api';
import type { ReviewSession } from '@lib/contracts';
import { ErrorNotice, Loading } from '@lib/ui/Status';
import type { Colleagues } from './colleagues';
import './review-sessions.css';

/** "2026-11-23T14:00" in the browser's zone for an input's default: next full hour. */
const nextHourLocal = (): string => {
  const d = new Date(Date.now() + 60 * 60_000);
  d.setMinutes(0, 0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/**
 * The psychiatrist schedules a case-review session with BCMs of the clinics they consult for.
 * The time is the psychiatrist's own wall clock (the session spans clinics and zones).
 */
export function ScheduleSession({
  colleagues,
  onCreated,
}: {
  colleagues: Colleagues;
  onCreated: (session: ReviewSession) => void;
}) {
  const api = useApi();
  const id = useId();
  const [when, setWhen] = useState(nextHourLocal);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const create = useMutation({
    mutationFn: (body: { scheduledFor: string; attendees: string[] }) =>
      api.call('createReviewSession', { body }),
    onSuccess: (session) => {
      setChosen(new Set());
      onCreated(session);
    },
    onError: (error) => {
      if (!isApiError(error)) return;
      const next = new Map<string, string>();
      for (const issue of error.fields) {
        const field = issue.field.replace(/^body\./, '').split('.')[0] ?? '';
        if (!next.has(field)) next.set(field, issue.message);
      }
      setErrors(next);
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next = new Map<string, string>();
    const at = new Date(when);
    if (!when || Number.isNaN(at.getTime())) next.set('scheduledFor', 'is required');
    if (chosen.size === 0) next.set('attendees', 'choose at least one care manager');
    setErrors(next);
    if (next.size > 0) return;
    create.mutate({ scheduledFor: at.toISOString(), attendees: [...chosen] });
  };
  const toggle = (userId: string) =>
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(userId)) next.delete(userId);
      else next.add(userId);
      return next;
    });
  return (
    <form className="card" aria-labelledby={`${id}-heading`} onSubmit={onSubmit}>
      <h2 id={`${id}-heading`}>Schedule a case-review session</h2>
      <div className="field">
        <label htmlFor={`${id}-when`}>Date and time (your local time)</label>
        <input
          id={`${id}-when`}
          type="datetime-local"
          className="session-when"
          value={when}
          aria-invalid={errors.has('scheduledFor') ? true : undefined}
          onChange={(e) => setWhen(e.target.value)}
        />
        {errors.get('scheduledFor') && (
          <p className="field-error">Date and time {errors.get('scheduledFor')}</p>
        )}
      </div>
      <fieldset className="attendee-picker" aria-invalid={errors.has('attendees') || undefined}>
        <legend>Care managers attending</legend>
        {colleagues.loading && <Loading label="Loading the clinics' care managers…" />}
        {!colleagues.loading && colleagues.bcms.length === 0 && (
          <p>No care managers in the clinics you consult for.</p>
        )}
        <ul>
          {colleagues.bcms.map((bcm) => (
            <li key={bcm.userId}>
              <label>
                <input
                  type="checkbox"
                  checked={chosen.has(bcm.userId)}
                  onChange={() => toggle(bcm.userId)}
                />{' '}
                {bcm.displayName}
              </label>
            </li>
          ))}
        </ul>
        {errors.get('attendees') && (
          <p className="field-error">Attendees: {errors.get('attendees')}</p>
        )}
      </fieldset>
      {create.isError && errors.size === 0 && (
        <ErrorNotice error={create.error} title="The session was not scheduled" />
      )}
      <button type="submit" className="button button-primary" disabled={create.isPending}>
        {create.isPending ? 'Scheduling…' : 'Schedule session'}
      </button>
    </form>
  );
}
