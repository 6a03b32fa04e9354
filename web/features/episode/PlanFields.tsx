import { useQuery } from '@tanstack/react-query';
import { useFieldArray, type Control, type UseFormRegister } from 'react-hook-form';
import { useApi } from '@lib/api';
import { PayerKind, TreatmentModality, type Diagnosis, type Medication } from '@lib/contracts';
import { PAYER_LABEL, TREATMENT_MODALITY_LABEL } from '@lib/registry/labels';
import { registryKeys } from '@lib/registry/queries';
import { ErrorNotice, Loading } from '@lib/ui/Status';

/** The treatment-plan part of the enrolment form and of "edit plan". */
export interface PlanFormValues {
  payer: PayerKind;
  lastSeenOn: string;
  diagnoses: string[];
  target: string;
  modality: TreatmentModality[];
  medications: { name: string; dose: string; startedOn: string }[];
}

export const planDefaults = (from?: {
  payer: PayerKind;
  lastSeenByBillingPractitionerOn?: string;
  diagnoses: Diagnosis[];
  target: string;
  modality: TreatmentModality[];
  medications: Medication[];
}): PlanFormValues => ({
  payer: from?.payer ?? 'medicare',
  lastSeenOn: from?.lastSeenByBillingPractitionerOn ?? '',
  diagnoses: from?.diagnoses.map((d) => d.code) ?? [],
  target: from?.target ?? '',
  modality: from?.modality ?? [],
  medications:
    from?.medications.map((m) => ({
      name: m.name,
      dose: m.dose,
      startedOn: m.startedOn ?? '',
    })) ?? [],
});

/** Form values → the contract's plan fields (empty rows dropped, codes looked up in the catalog). */
export const planBody = (values: PlanFormValues, catalog: readonly Diagnosis[]) => ({
  payer: values.payer,
  ...(values.lastSeenOn ? { lastSeenByBillingPractitionerOn: values.lastSeenOn } : {}),
  diagnoses: (Array.isArray(values.diagnoses) ? values.diagnoses : [])
    .map((code) => catalog.find((d) => d.code === code))
    .filter((d): d is Diagnosis => d !== undefined),
  target: values.target,
  modality: Array.isArray(values.modality) ? values.modality : [],
  medications: values.medications
    .filter((m) => m.name.trim() !== '')
    .map((m) => ({
      name: m.name,
      dose: m.dose,
      ...(m.startedOn ? { startedOn: m.startedOn } : {}),
    })),
});

/** The clinic's diagnosis list (built-ins plus its own), plus any code already on the episode. */
export function useDiagnosisCatalog(clinicId: string, current: readonly Diagnosis[] = []) {
  const api = useApi();
  const catalog = useQuery({
    queryKey: registryKeys.diagnoses(clinicId),
    queryFn: ({ signal }) => api.call('getDiagnosisCatalog', { params: { clinicId }, signal }),
    staleTime: 10 * 60_000,
  });
  const items = [...(catalog.data?.items ?? [])];
  for (const d of current) if (!items.some((i) => i.code === d.code)) items.push(d);
  return { query: catalog, items };
}

export function PlanFields({
  idPrefix,
  register,
  control,
  catalog,
  errorOf,
}: {
  idPrefix: string;
  register: UseFormRegister<PlanFormValues>;
  control: Control<PlanFormValues>;
  catalog: ReturnType<typeof useDiagnosisCatalog>;
  errorOf: (path: string) => string | undefined;
}) {
  const meds = useFieldArray({ control, name: 'medications' });
  const err = (path: string) => {
    const message = errorOf(path);
    return message ? <p className="field-error">{message}</p> : null;
  };
  return (
    <>
      <fieldset className="field">
        <legend>Diagnoses (ICD-10)</legend>
        {catalog.query.isPending && <Loading label="Loading diagnosis list…" />}
        {catalog.query.isError && <ErrorNotice error={catalog.query.error} />}
        <ul className="check-list diagnosis-list">
          {catalog.items.map((d) => (
            <li key={d.code}>
              <label>
                <input type="checkbox" value={d.code} {...register('diagnoses')} />{' '}
                <strong>{d.code}</strong> {d.label}
              </label>
            </li>
          ))}
        </ul>
        {err('diagnoses')}
      </fieldset>
      <div className="field">
        <label htmlFor={`${idPrefix}-target`}>Treatment target</label>
        <input
          id={`${idPrefix}-target`}
          maxLength={300}
          placeholder="e.g. PHQ-9 below 5, back at work"
          {...register('target')}
        />
        {err('target')}
      </div>
      <fieldset className="field">
        <legend>Treatment modality</legend>
        <ul className="check-list">
          {TreatmentModality.options.map((m) => (
            <li key={m}>
              <label>
                <input type="checkbox" value={m} {...register('modality')} />{' '}
                {TREATMENT_MODALITY_LABEL[m]}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset className="field">
        <legend>Current psychiatric medications</legend>
        {meds.fields.length === 0 && <p className="hint">None recorded.</p>}
        {meds.fields.map((field, i) => (
          <div key={field.id} className="input-row med-row">
            <label>
              Medication {i + 1}
              <input {...register(`medications.${i}.name`)} />
            </label>
            <label>
              Dose
              <input {...register(`medications.${i}.dose`)} />
            </label>
            <label>
              Started
              <input type="date" {...register(`medications.${i}.startedOn`)} />
            </label>
            <button
              type="button"
              className="button button-small"
              onClick={() => meds.remove(i)}
              aria-label={`Remove medication ${i + 1}`}
            >
              Remove
            </button>
            {err(`medications.${i}.name`)}
          </div>
        ))}
        <button
          type="button"
          className="button button-small"
          onClick={() => meds.append({ name: '', dose: '', startedOn: '' })}
        >
          Add a medication
        </button>
      </fieldset>
      <div className="field">
        <label htmlFor={`${idPrefix}-payer`}>Payer</label>
        <select id={`${idPrefix}-payer`} {...register('payer')}>
          {PayerKind.options.map((p) => (
            <option key={p} value={p}>
              {PAYER_LABEL[p]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-last-seen`}>Last visit with the billing PCP</label>
        <input id={`${idPrefix}-last-seen`} type="date" {...register('lastSeenOn')} />
        <p className="hint">
          An initiating visit is needed when there is none within 12 months before CoCM starts.
        </p>
        {err('lastSeenByBillingPractitionerOn')}
      </div>
    </>
  );
}
