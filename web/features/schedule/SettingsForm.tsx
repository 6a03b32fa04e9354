import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { describeError, useApi } from '@lib/api';
import type { ClinicSchedulingSettings } from '@lib/contracts';
import { ErrorNotice, Loading } from '@lib/ui/Status';

type NumericKey = Exclude<keyof ClinicSchedulingSettings, 'mediaRegion'>;

const FIELDS: [NumericKey, string][] = [
  ['warmHandoffReleaseHours', 'Release protected warm-handoff slots this many hours before'],
  ['sessionCap', 'Sessions per episode before a warning'],
  ['sessionReasonFrom', 'Sessions from which a reason is required'],
  ['horizonDays', 'Days of slots generated ahead'],
  ['intakeMinutes', 'Default intake (minutes)'],
  ['followUpMinutes', 'Default follow-up incl. documentation (minutes)'],
  ['warmHandoffMinutes', 'Protected warm-handoff slot (minutes)'],
  ['warmHandoffSlotsPerHalfDay', 'Protected slots per half-day'],
  ['joinWindowMinutes', 'Video visits open this many minutes early'],
];

/** The clinic's scheduling settings (defaults and sources: docs/clinical-rules.md). */
export function SettingsForm({ clinicId }: { clinicId: string }) {
  const api = useApi();
  const current = useQuery({
    queryKey: ['clinic', clinicId, 'scheduling-settings'],
    queryFn: ({ signal }) => api.call('getSchedulingSettings', { params: { clinicId }, signal }),
  });
  const [draft, setDraft] = useState<ClinicSchedulingSettings | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const values = draft ?? current.data;
  const save = useMutation({
    mutationFn: (body: ClinicSchedulingSettings) =>
      api.call('saveSchedulingSettings', { params: { clinicId }, body }),
    onSuccess: (saved) => {
      setDraft(saved);
      setMessage('Settings saved.');
    },
    onError: (error) => setMessage(describeError(error)),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (values) save.mutate(values);
  };
  if (current.isPending) return <Loading />;
  if (current.isError)
    return <ErrorNotice error={current.error} onRetry={() => void current.refetch()} />;
  return (
    <form className="card" onSubmit={onSubmit} aria-labelledby="settings-heading">
      <h2 id="settings-heading">Scheduling settings</h2>
      {FIELDS.map(([key, label]) => (
        <div className="field" key={key}>
          <label>
            {label}{' '}
            <input
              type="number"
              value={values?.[key] ?? ''}
              onChange={(e) => values && setDraft({ ...values, [key]: Number(e.target.value) })}
            />
          </label>
        </div>
      ))}
      <button type="submit" className="button button-primary" disabled={save.isPending}>
        Save settings
      </button>
      {message && <p aria-live="polite">{message}</p>}
    </form>
  );
}
