import { useInfiniteQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useApi } from '@lib/api';
import { useClinic } from '@lib/clinic';
import { paths } from '@lib/paths';
import { queryKeys } from '@lib/queries';
import { ErrorNotice, Loading } from '@lib/ui/Status';
import { formatIsoDate } from '@lib/time';

type SearchBy = 'name' | 'mrn';

/** Find a patient by the start of the family name ("gar", or "garcia, ma") or by MRN. */
export function PatientFinder() {
  const api = useApi();
  const { clinicId } = useClinic();
  const [by, setBy] = useState<SearchBy>('name');
  const [text, setText] = useState('');
  const [submitted, setSubmitted] = useState<{ by: SearchBy; term: string } | null>(null);
  const inputId = useId();
  const hintId = useId();

  const results = useInfiniteQuery({
    queryKey: queryKeys.patientSearch(clinicId, submitted?.by ?? '', submitted?.term ?? ''),
    queryFn: ({ pageParam, signal }) =>
      api.call('searchPatients', {
        params: { clinicId },
        query: {
          ...(submitted?.by === 'mrn' ? { mrn: submitted.term } : { q: submitted?.term }),
          limit: 20,
          cursor: pageParam,
        },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    enabled: submitted !== null,
  });
  const patients = results.data?.pages.flatMap((page) => page.items) ?? [];

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const term = text.trim();
    setSubmitted(term ? { by, term } : null);
  };

  return (
    <section className="card" aria-labelledby="finder-heading">
      <h2 id="finder-heading">Find a patient</h2>
      <form role="search" aria-labelledby="finder-heading" onSubmit={onSubmit} className="finder">
        <fieldset className="segmented">
          <legend>Search by</legend>
          <label>
            <input
              type="radio"
              name="search-by"
              value="name"
              checked={by === 'name'}
              onChange={() => setBy('name')}
            />
            <span>Name</span>
          </label>
          <label>
            <input
              type="radio"
              name="search-by"
              value="mrn"
              checked={by === 'mrn'}
              onChange={() => setBy('mrn')}
            />
            <span>MRN</span>
          </label>
        </fieldset>
        <div className="field">
          <label htmlFor={inputId}>
            {by === 'name' ? 'Patient name' : 'Medical record number'}
          </label>
          <p className="hint" id={hintId}>
            {by === 'name'
              ? 'Start of the family name (“Gar”), or family name, comma, start of the given name (“Garcia, Ma”).'
              : 'The exact MRN.'}
          </p>
          <div className="input-row">
            <input
              id={inputId}
              type="search"
              value={text}
              onChange={(e) => setText(e.target.value)}
              aria-describedby={hintId}
              autoComplete="off"
              autoCorrect="off"
              autoCapitalize={by === 'name' ? 'words' : 'characters'}
              spellCheck={false}
              maxLength={by === 'name' ? 80 : 32}
            />
            <button type="submit" className="button button-primary">
              Search
            </button>
          </div>
        </div>
      </form>

      {submitted && (
        <div className="search-results" aria-live="polite">
          {results.isPending && <Loading label="Searching…" />}
          {results.isError && (
            <ErrorNotice error={results.error} onRetry={() => void results.refetch()} />
          )}
          {results.isSuccess && patients.length === 0 && (
            <p>
              No patients found for “{submitted.term}”. Check the spelling, or register a new
              patient.
            </p>
          )}
          {patients.length > 0 && (
            <>
              <ul className="patient-list" aria-label="Search results">
                {patients.map((p) => (
                  <li key={p.patientId}>
                    <Link className="patient-link" to={paths.patient(clinicId, p.patientId)}>
                      <span className="patient-link-name">
                        {p.familyName}, {p.givenName}
                      </span>
                      <span className="patient-link-meta">
                        Born {formatIsoDate(p.dateOfBirth)}
                        {p.mrn ? ` · MRN ${p.mrn}` : ''}
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          )}
          {results.hasNextPage && (
            <button
              type="button"
              className="button"
              disabled={results.isFetchingNextPage}
              onClick={() => void results.fetchNextPage()}
            >
              {results.isFetchingNextPage ? 'Loading…' : 'More results'}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
