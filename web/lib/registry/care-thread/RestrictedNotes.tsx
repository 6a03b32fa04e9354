import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type * as z from 'zod';
import { bodyFieldErrors, isApiError, useApi } from '../../api';
import { useClinic } from '../../clinic';
import { RestrictedNoteKind, type RestrictedNoteView } from '../../contracts';
import { NOTE_KIND_LABEL } from '../review';
import { formatShortDateTime, useNow } from '../../time';
import { ErrorNotice, Loading } from '../../ui/Status';
import { threadKeys } from './keys';

type Note = z.infer<typeof RestrictedNoteView>;
type Kind = z.infer<typeof RestrictedNoteKind>;

/**
 * Psychotherapy and 42 CFR Part 2 notes, stored apart from the chart. Everyone on the team sees
 * that a note exists; the content comes back only for its author, or once the patient's
 * authorization is recorded (the server decides: a null body is shown as withheld).
 */
export function RestrictedNotes({
  patientId,
  names,
}: {
  patientId: string;
  names: (userId: string) => string;
}) {
  const api = useApi();
  const { clinicId, timeZone, me } = useClinic();
  const now = useNow();
  const [writing, setWriting] = useState(false);
  const notes = useQuery({
    queryKey: threadKeys.notes(clinicId, patientId),
    queryFn: ({ signal }) =>
      api.call('listRestrictedNotes', { params: { clinicId, patientId }, signal }),
  });
  const items = notes.data?.items ?? [];
  return (
    <section className="card" aria-labelledby="notes-heading">
      <div className="section-head">
        <h2 id="notes-heading">Restricted notes</h2>
        {!writing && (
          <button type="button" className="button button-small" onClick={() => setWriting(true)}>
            Write a restricted note
          </button>
        )}
      </div>
      {writing && <NewNote patientId={patientId} onDone={() => setWriting(false)} />}
      {notes.isPending && <Loading label="Loading restricted notes…" />}
      {notes.isError && <ErrorNotice error={notes.error} onRetry={() => void notes.refetch()} />}
      {notes.isSuccess && items.length === 0 && <p>No restricted notes.</p>}
      {items.length > 0 && (
        <ul className="rec-list" aria-label="Restricted notes">
          {items.map((note) => (
            <li key={note.noteId} className="rec-item">
              <p>
                <strong>{NOTE_KIND_LABEL[note.kind]}</strong>: restricted note by{' '}
                {note.authorId === me.userId ? 'you' : names(note.authorId)} on{' '}
                {formatShortDateTime(note.at, timeZone, now)}
              </p>
              {note.body === null ? (
                <p className="hint">
                  Content withheld: only the author may read it until the patient authorizes
                  sharing.
                </p>
              ) : (
                <p className="rec-text">{note.body}</p>
              )}
              {note.authorization ? (
                <p className="hint">
                  Patient authorized sharing ({note.authorization.scope}),{' '}
                  {formatShortDateTime(note.authorization.recordedAt, timeZone, now)}
                </p>
              ) : (
                note.authorId === me.userId && <Authorize patientId={patientId} note={note} />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function NewNote({ patientId, onDone }: { patientId: string; onDone: () => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { clinicId } = useClinic();
  const id = useId();
  const [kind, setKind] = useState<Kind>('psychotherapy');
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () =>
      api.call('createRestrictedNote', {
        params: { clinicId, patientId },
        body: { kind, body: body.trim() },
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: threadKeys.notes(clinicId, patientId) });
      onDone();
    },
    onError: (failure) => {
      if (isApiError(failure)) setError(bodyFieldErrors(failure).byField.get('body') ?? null);
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (body.trim() === '') return setError('is required');
    setError(null);
    create.mutate();
  };
  return (
    <form onSubmit={onSubmit} className="note-form" aria-label="New restricted note">
      <div className="field">
        <label htmlFor={`${id}-kind`}>Kind of note</label>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          {RestrictedNoteKind.options.map((k) => (
            <option key={k} value={k}>
              {NOTE_KIND_LABEL[k]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-body`}>Note</label>
        <textarea
          id={`${id}-body`}
          rows={5}
          maxLength={10000}
          value={body}
          aria-invalid={error ? true : undefined}
          onChange={(e) => setBody(e.target.value)}
        />
        {error && <p className="field-error">Note {error}</p>}
        <p className="hint">
          Stored apart from the chart. Colleagues see only that it exists until the patient
          authorizes sharing.
        </p>
      </div>
      {create.isError && !error && <ErrorNotice error={create.error} title="Not saved" />}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          Save restricted note
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function Authorize({ patientId, note }: { patientId: string; note: Note }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { clinicId } = useClinic();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [scope, setScope] = useState('');
  const [error, setError] = useState<string | null>(null);
  const record = useMutation({
    mutationFn: () =>
      api.call('authorizeRestrictedNote', {
        params: { clinicId, patientId, noteId: note.noteId },
        body: { scope: scope.trim() },
      }),
    onSuccess: () => {
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: threadKeys.notes(clinicId, patientId) });
    },
    onError: (failure) => {
      if (isApiError(failure)) setError(bodyFieldErrors(failure).byField.get('scope') ?? null);
    },
  });
  if (!open) {
    return (
      <button type="button" className="button button-small" onClick={() => setOpen(true)}>
        Record the patient’s authorization
      </button>
    );
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (scope.trim() === '') return setError('is required');
    setError(null);
    record.mutate();
  };
  return (
    <form onSubmit={onSubmit} aria-label="Patient authorization">
      <div className="field">
        <label htmlFor={`${id}-scope`}>What the patient authorized (scope)</label>
        <input
          id={`${id}-scope`}
          value={scope}
          maxLength={300}
          aria-invalid={error ? true : undefined}
          onChange={(e) => setScope(e.target.value)}
        />
        {error && <p className="field-error">Scope {error}</p>}
      </div>
      {record.isError && !error && <ErrorNotice error={record.error} title="Not recorded" />}
      <div className="actions">
        <button type="submit" className="button button-small button-primary">
          Record authorization
        </button>
        <button type="button" className="button button-small" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
