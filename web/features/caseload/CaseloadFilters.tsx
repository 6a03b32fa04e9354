import { useId } from 'react';
import { RegistryFlagKind, type Me } from '@lib/contracts';
import { FLAG_LABEL } from '@lib/registry/flags';

export interface Filters {
  clinicId: string;
  flag: RegistryFlagKind | '';
  minWeeks: string;
  maxWeeks: string;
}

/** Clinic, flag and weeks-in-treatment filters (the server filters; the query refetches). */
export function CaseloadFilters({
  clinics,
  value,
  onChange,
}: {
  clinics: Me['memberships'];
  value: Filters;
  onChange: (next: Filters) => void;
}) {
  const id = useId();
  const weeks = (v: string) => v.replace(/[^0-9]/g, '').slice(0, 3);
  return (
    <form
      className="registry-filters"
      aria-label="Filter the caseload"
      onSubmit={(e) => e.preventDefault()}
    >
      <div className="field">
        <label htmlFor={`${id}-clinic`}>Clinic</label>
        <select
          id={`${id}-clinic`}
          value={value.clinicId}
          onChange={(e) => onChange({ ...value, clinicId: e.target.value })}
        >
          <option value="">All clinics</option>
          {clinics.map((c) => (
            <option key={c.clinicId} value={c.clinicId}>
              {c.clinicName}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-flag`}>Flag</label>
        <select
          id={`${id}-flag`}
          value={value.flag}
          onChange={(e) => onChange({ ...value, flag: e.target.value as Filters['flag'] })}
        >
          <option value="">Any</option>
          {RegistryFlagKind.options.map((kind) => (
            <option key={kind} value={kind}>
              {FLAG_LABEL[kind]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-min`}>Weeks in treatment from</label>
        <input
          id={`${id}-min`}
          inputMode="numeric"
          size={4}
          value={value.minWeeks}
          onChange={(e) => onChange({ ...value, minWeeks: weeks(e.target.value) })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-max`}>to</label>
        <input
          id={`${id}-max`}
          inputMode="numeric"
          size={4}
          value={value.maxWeeks}
          onChange={(e) => onChange({ ...value, maxWeeks: weeks(e.target.value) })}
        />
      </div>
    </form>
  );
}
