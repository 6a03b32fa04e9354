import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useApi } from '@lib/api';
import { RegistrySettings } from '@lib/contracts';
import { registryKeys } from '@lib/registry/queries';
import { ErrorNotice, Loading } from '@lib/ui/Status';
import { fieldMessage, zodResolver } from '@lib/zodResolver';

const NUMBERS = [
  ['firstFollowUpDays', 'First follow-up contact due (days after the first contact)'],
  ['contactIntervalDays', 'Contact overdue after (days since the last contact)'],
  ['notImprovingWeeks', '"Not improving" judged from (weeks in treatment)'],
  ['notImprovingScore', '…unless the PHQ-9 is below'],
  ['responseFraction', '…or at most this fraction of baseline (response, e.g. 0.5)'],
  ['remissionBelow', 'Remission: PHQ-9 below'],
  ['caseloadWarningPerFte', 'Caseload warning at (active patients per 1.0 FTE BCM)'],
  ['recommendationAckDays', 'Recommendation acknowledgement overdue after (days)'],
  ['lapseMonths', 'Lapsed after (months without any service)'],
] as const;
type NumberField = (typeof NUMBERS)[number][0];

type Form = Record<NumberField, string> & { extraDiagnoses: { code: string; label: string }[] };

const resolver = zodResolver<Form, typeof RegistrySettings>(RegistrySettings, (values) => ({
  ...Object.fromEntries(
    NUMBERS.map(([name]) => [name, values[name].trim() === '' ? undefined : Number(values[name])]),
  ),
  extraDiagnoses: values.extraDiagnoses
    .filter((d) => d.code.trim() !== '' || d.label.trim() !== '')
    .map((d) => ({ code: d.code.trim().toUpperCase(), label: d.label })),
}));

const toForm = (settings: RegistrySettings): Form => ({
  ...(Object.fromEntries(NUMBERS.map(([name]) => [name, String(settings[name])])) as Record<
    NumberField,
    string
  >),
  extraDiagnoses: settings.extraDiagnoses,
});

/** The registry's flag thresholds, the caseload warning and the clinic's own ICD-10 codes. */
export function RegistrySettingsForm({ clinicId }: { clinicId: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: registryKeys.settings(clinicId),
    queryFn: ({ signal }) => api.call('getRegistrySettings', { params: { clinicId }, signal }),
  });
  const form = useForm<Form, unknown, RegistrySettings>({ resolver });
  const extras = useFieldArray({ control: form.control, name: 'extraDiagnoses' });
  const { reset } = form;
  useEffect(() => {
    if (settings.data) reset(toForm(settings.data));
  }, [settings.data, reset]);
  const save = useMutation({
    mutationFn: (body: RegistrySettings) =>
      api.call('putRegistrySettings', { params: { clinicId }, body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(registryKeys.settings(clinicId), saved);
      void queryClient.invalidateQueries({ queryKey: registryKeys.diagnoses(clinicId) });
    },
  });
  // The resolver keys errors by the contract's path ("extraDiagnoses.0.code").
  const errorOf = (path: string) =>
    (form.formState.errors as Record<string, { message?: string } | undefined>)[path]?.message;
  return (
    <section className="card" aria-labelledby="registry-settings-heading">
      <h2 id="registry-settings-heading">Collaborative-care registry</h2>
      {settings.isPending && <Loading label="Loading settings…" />}
      {settings.isError && <ErrorNotice error={settings.error} />}
      {settings.data && (
        <form onSubmit={(event) => void form.handleSubmit((body) => save.mutate(body))(event)}>
          {NUMBERS.map(([name, label]) => {
            const error = errorOf(name);
            return (
              <div className="field" key={name}>
                <label htmlFor={`registry-${name}`}>{label}</label>
                <input
                  id={`registry-${name}`}
                  inputMode="decimal"
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `registry-${name}-error` : undefined}
                  {...form.register(name)}
                />
                {error && (
                  <p className="field-error" id={`registry-${name}-error`}>
                    {fieldMessage('Value', error)}
                  </p>
                )}
              </div>
            );
          })}
          <fieldset className="field">
            <legend>Extra ICD-10 codes offered at enrolment</legend>
            {extras.fields.length === 0 && <p className="hint">Only the built-in list.</p>}
            {extras.fields.map((field, i) => {
              const error =
                errorOf(`extraDiagnoses.${i}.code`) ?? errorOf(`extraDiagnoses.${i}.label`);
              return (
                <div key={field.id} className="input-row">
                  <label>
                    Code
                    <input {...form.register(`extraDiagnoses.${i}.code`)} size={8} />
                  </label>
                  <label>
                    Label
                    <input {...form.register(`extraDiagnoses.${i}.label`)} />
                  </label>
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`Remove code ${i + 1}`}
                    onClick={() => extras.remove(i)}
                  >
                    Remove
                  </button>
                  {error && <p className="field-error">{fieldMessage(`Code ${i + 1}`, error)}</p>}
                </div>
              );
            })}
            <button
              type="button"
              className="button button-small"
              onClick={() => extras.append({ code: '', label: '' })}
            >
              Add a code
            </button>
          </fieldset>
          {save.isError && <ErrorNotice error={save.error} title="Not saved" />}
          {save.isSuccess && !form.formState.isDirty && <p role="status">Saved.</p>}
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save'}
          </button>
        </form>
      )}
    </section>
  );
}
