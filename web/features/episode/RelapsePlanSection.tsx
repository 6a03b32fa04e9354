import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type * as z from 'zod';
import { isApiError, useApi } from '@lib/api';
import { RelapsePlanSave, type EpisodeView } from '@lib/contracts';
import { ErrorNotice } from '@lib/ui/Status';
import { formatDateTime } from '@lib/time';
import { zodResolver } from '@lib/zodResolver';
import { bodyPaths } from './useEpisodeUpdate';

type Body = z.output<typeof RelapsePlanSave>;
type Form = { whatHelps: string; warningSigns: string; whomToCall: string };

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
const resolver = zodResolver<Form, typeof RelapsePlanSave>(RelapsePlanSave, (values) => ({
  whatHelps: lines(values.whatHelps),
  warningSigns: lines(values.warningSigns),
  whomToCall: lines(values.whomToCall),
}));

const FIELDS: { name: keyof Form; label: string }[] = [
  { name: 'whatHelps', label: 'What helps' },
  { name: 'warningSigns', label: 'Warning signs' },
  { name: 'whomToCall', label: 'Whom to call' },
];

/** The relapse-prevention plan (needed before discharging with goals met). One item per line. */
export function RelapsePlanSection({
  episode,
  onSaved,
}: {
  episode: EpisodeView;
  onSaved: (view: EpisodeView) => void;
}) {
  const api = useApi();
  const plan = episode.relapsePlan;
  const [editing, setEditing] = useState(false);
  const [serverErrors, setServerErrors] = useState<Map<string, string>>(new Map());
  const form = useForm<Form, unknown, Body>({
    resolver,
    defaultValues: {
      whatHelps: plan?.whatHelps.join('\n') ?? '',
      warningSigns: plan?.warningSigns.join('\n') ?? '',
      whomToCall: plan?.whomToCall.join('\n') ?? '',
    },
  });
  const save = useMutation({
    mutationFn: (body: Body) =>
      api.call('saveRelapsePlan', {
        params: {
          clinicId: episode.clinicId,
          patientId: episode.patientId,
          episodeId: episode.episodeId,
        },
        body,
      }),
    onSuccess: (view) => {
      setEditing(false);
      onSaved(view);
    },
    onError: (error) => {
      if (isApiError(error)) setServerErrors(bodyPaths(error.fields));
    },
  });
  const errorOf = (name: keyof Form) =>
    form.formState.errors[name]?.message ?? serverErrors.get(name);
  return (
    <section className="card" aria-labelledby="relapse-heading">
      <h2 id="relapse-heading">Relapse-prevention plan</h2>
      {!editing && plan && (
        <>
          <dl className="facts facts-stacked">
            {FIELDS.map(({ name, label }) => (
              <div key={name}>
                <dt>{label}</dt>
                <dd>
                  <ul>
                    {plan[name].map((item, i) => (
                      <li key={`${i}-${item}`}>{item}</li>
                    ))}
                  </ul>
                </dd>
              </div>
            ))}
          </dl>
          <p className="hint">Updated {formatDateTime(plan.updatedAt, episode.timeZone)}</p>
        </>
      )}
      {!editing && !plan && <p>No plan yet. Discharging with goals met needs one.</p>}
      {!editing && episode.status === 'active' && (
        <button type="button" className="button" onClick={() => setEditing(true)}>
          {plan ? 'Edit the plan' : 'Write the plan'}
        </button>
      )}
      {editing && (
        <form
          className="registry-form"
          onSubmit={(e) => void form.handleSubmit((body) => save.mutate(body))(e)}
          noValidate
        >
          {FIELDS.map(({ name, label }) => {
            const error = errorOf(name);
            return (
              <div className="field" key={name}>
                <label htmlFor={`relapse-${name}`}>{label} (one per line)</label>
                <textarea
                  id={`relapse-${name}`}
                  rows={3}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `relapse-${name}-error` : undefined}
                  {...form.register(name)}
                />
                {error && (
                  <p className="field-error" id={`relapse-${name}-error`}>
                    {error}
                  </p>
                )}
              </div>
            );
          })}
          {save.isError && <ErrorNotice error={save.error} title="Not saved" />}
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={save.isPending}>
              {save.isPending ? 'Saving…' : 'Save the plan'}
            </button>
            <button type="button" className="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
