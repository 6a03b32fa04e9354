import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** The server reads billing month by month and refuses longer ranges. */
const MAX_MONTHS = 24;

const monthIndex = (month: string) => {
  const [year, m] = month.split('-').map(Number);
  return (year ?? 0) * 12 + (m ?? 1) - 1;
};

/** The period asked for in the URL (?from=YYYY-MM&to=YYYY-MM); the server's default otherwise. */
export function usePeriod(): { from?: string; to?: string } {
  const [params] = useSearchParams();
  const pick = (name: string) => {
    const value = params.get(name);
    return value && MONTH.test(value) ? value : undefined;
  };
  return { from: pick('from'), to: pick('to') };
}

/** From and to months (the clinic's calendar months), kept in the URL so a view can be shared. */
export function PeriodPicker({ from, to }: { from: string; to: string }) {
  const [, setParams] = useSearchParams();
  const [draft, setDraft] = useState({ from, to });
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!MONTH.test(draft.from) || !MONTH.test(draft.to)) {
      setError('Choose both months.');
    } else if (draft.from > draft.to) {
      setError('The first month must not be after the last.');
    } else if (monthIndex(draft.to) - monthIndex(draft.from) >= MAX_MONTHS) {
      setError(`Choose at most ${MAX_MONTHS} months.`);
    } else {
      setError(null);
      setParams({ from: draft.from, to: draft.to });
    }
  };
  return (
    <form className="outcomes-period" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="period-from">From month</label>
        <input
          id="period-from"
          type="month"
          value={draft.from}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'period-error' : undefined}
          onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))}
        />
      </div>
      <div className="field">
        <label htmlFor="period-to">To month</label>
        <input
          id="period-to"
          type="month"
          value={draft.to}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'period-error' : undefined}
          onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))}
        />
      </div>
      <button type="submit" className="button">
        Show
      </button>
      {error && (
        <p className="field-error" id="period-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
