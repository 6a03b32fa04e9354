import { useId } from 'react';
import { shiftDate } from './schedule';

/** A date with previous / next day buttons (dates are clinic-local calendar dates). */
export function DatePicker({ date, onChange }: { date: string; onChange: (date: string) => void }) {
  const id = useId();
  return (
    <div className="input-row schedule-date">
      <button type="button" className="button" onClick={() => onChange(shiftDate(date, -1))}>
        Previous day
      </button>
      <label htmlFor={id}>Date</label>
      <input
        id={id}
        type="date"
        value={date}
        onChange={(e) => e.target.value && onChange(e.target.value)}
      />
      <button type="button" className="button" onClick={() => onChange(shiftDate(date, 1))}>
        Next day
      </button>
    </div>
  );
}
