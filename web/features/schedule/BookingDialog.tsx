import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { bodyFieldErrors, describeError, isApiError, useApi } from '@lib/api';
import type { Slot } from '@lib/contracts';
import { ErrorNotice, Loading } from '@lib/ui/Status';
import { kindLabel, localTimeOf } from './schedule';
import { UpcomingVisits } from './UpcomingVisits';

interface Props {
  clinicId: string;
  slot: Slot;
  onDone: (warning?: string) => void;
  onCancel: () => void;
}

/**
 * Book a patient of this clinic on a slot: pick the patient, see their session count in the
 * episode, choose intake or follow-up and in person or video; from the clinic's threshold on a
 * reason is required (the server decides and names the field).
 */
export function BookingDialog({ clinicId, slot, onDone, onCancel }: Props) {
  const api = useApi();
  const [term, setTerm] = useState('');
  const [search, setSearch] = useState('');
  const [patient, setPatient] = useState<{ patientId: string; name: string } | null>(null);
  const [visitType, setVisitType] = useState<'intake' | 'follow-up'>(
    slot.kind === 'intake' ? 'intake' : 'follow-up',
  );
  const [modality, setModality] = useState<'in-person' | 'video'>('in-person');
  const [capReason, setCapReason] = useState('');
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [general, setGeneral] = useState<string | null>(null);
  const searchId = useId();
  const reasonId = useId();

  const found = useQuery({
    queryKey: ['clinic', clinicId, 'patient-search', 'name', search],
    queryFn: ({ signal }) =>
      api.call('searchPatients', { params: { clinicId }, query: { q: search, limit: 10 }, signal }),
    enabled: search !== '',
  });
  const sessions = useQuery({
    queryKey: ['clinic', clinicId, 'patient', patient?.patientId ?? '', 'sessions'],
    queryFn: ({ signal }) =>
      api.call('getSessionCount', {
        params: { clinicId, patientId: patient?.patientId ?? '' },
        signal,
      }),
    enabled: patient !== null,
  });
  const next = sessions.data ? sessions.data.count + 1 : null;
  const needsReason =
    next !== null && sessions.data ? next >= sessions.data.reasonRequiredFrom : false;

  const book = useMutation({
    mutationFn: () =>
      api.call('bookVisit', {
        params: { clinicId },
        body: {
          slotId: slot.slotId,
          patientId: patient?.patientId ?? '',
          visitType,
          modality,
          ...(capReason.trim() ? { capReason: capReason.trim() } : {}),
        },
      }),
    onSuccess: (result) => onDone(result.warning),
    onError: (error) => {
      if (!isApiError(error)) return setGeneral(describeError(error));
      const { byField } = bodyFieldErrors(error);
      setErrors(byField);
      setGeneral(describeError(error));
    },
  });

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    setSearch(term.trim());
  };
  const onBook = (event: FormEvent) => {
    event.preventDefault();
    if (patient) book.mutate();
  };

  return (
    <section className="card booking-dialog" role="dialog" aria-label="Book this slot">
      <h2>
        Book {kindLabel[slot.kind]} at {localTimeOf(slot)}
      </h2>
      {patient === null ? (
        <>
          <form role="search" onSubmit={onSearch} className="input-row">
            <label htmlFor={searchId}>Patient name</label>
            <input
              id={searchId}
              type="search"
              value={term}
              onChange={(e) => setTerm(e.target.value)}
            />
            <button type="submit" className="button">
              Find patient
            </button>
          </form>
          {found.isPending && search !== '' && <Loading label="Searching…" />}
          {found.isError && (
            <ErrorNotice error={found.error} onRetry={() => void found.refetch()} />
          )}
          <ul className="patient-list" aria-label="Patients found">
            {found.data?.items.map((p) => (
              <li key={p.patientId}>
                <button
                  type="button"
                  className="button"
                  onClick={() =>
                    setPatient({ patientId: p.patientId, name: `${p.familyName}, ${p.givenName}` })
                  }
                >
                  {p.familyName}, {p.givenName} · MRN {p.mrn ?? '—'}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <form onSubmit={onBook}>
          <p>
            Patient: <strong>{patient.name}</strong>{' '}
            <button type="button" className="button button-small" onClick={() => setPatient(null)}>
              Change
            </button>
          </p>
          <UpcomingVisits clinicId={clinicId} patientId={patient.patientId} />
          {sessions.data && (
            <p className="session-count" aria-live="polite">
              This will be session {next} of the episode (cap {sessions.data.cap}).{' '}
              <span className="hint">{sessions.data.basis}.</span>
            </p>
          )}
          <fieldset className="segmented">
            <legend>Visit</legend>
            {(['intake', 'follow-up'] as const).map((v) => (
              <label key={v}>
                <input
                  type="radio"
                  name="visit"
                  checked={visitType === v}
                  onChange={() => setVisitType(v)}
                />
                <span>{v === 'intake' ? 'Intake' : 'Follow-up'}</span>
              </label>
            ))}
          </fieldset>
          {errors.get('visitType') && <p className="field-error">{errors.get('visitType')}</p>}
          <fieldset className="segmented">
            <legend>Where</legend>
            {(['in-person', 'video'] as const).map((m) => (
              <label key={m}>
                <input
                  type="radio"
                  name="modality"
                  checked={modality === m}
                  onChange={() => setModality(m)}
                />
                <span>{m === 'video' ? 'Video' : 'In person'}</span>
              </label>
            ))}
          </fieldset>
          {(needsReason || errors.has('capReason')) && (
            <div className="field">
              <label htmlFor={reasonId}>Reason for a session past the cap</label>
              <textarea
                id={reasonId}
                value={capReason}
                onChange={(e) => setCapReason(e.target.value)}
              />
              {errors.get('capReason') && <p className="field-error">{errors.get('capReason')}</p>}
            </div>
          )}
          {general && <p role="alert">{general}</p>}
          <div className="input-row">
            <button type="submit" className="button button-primary" disabled={book.isPending}>
              Book
            </button>
            <button type="button" className="button" onClick={onCancel}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {patient === null && (
        <button type="button" className="button" onClick={onCancel}>
          Close
        </button>
      )}
    </section>
  );
}
