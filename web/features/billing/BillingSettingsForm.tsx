import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { useApi } from '@lib/api';
import {
  BUILT_IN_PROFILES,
  BillingSettings,
  FacilityType,
  type BillingCode,
  type PayerProfile,
} from '@lib/billing';
import { PayerKind } from '@lib/contracts';
import { ErrorNotice, Loading } from '@lib/ui/Status';
import { fieldMessage, zodResolver } from '@lib/zodResolver';
import { CODE_ORDER, billingKeys } from './billing';

const FACILITY_LABEL: Record<FacilityType, string> = {
  standard: 'Standard practice (physician office)',
  rhc: 'Rural Health Clinic (RHC)',
  fqhc: 'Federally Qualified Health Center (FQHC)',
};
const PAYER_LABEL: Record<PayerKind, string> = {
  medicare: 'Medicare',
  medicaid: 'Medicaid',
  commercial: 'Commercial',
  self_pay: 'Self-pay',
};

interface Form {
  facilityType: FacilityType;
  profiles: Record<PayerKind, string>;
  placeOfService: string;
  rateYear: string;
  rates: Record<BillingCode, string>;
  bhFteAnnualCost: string;
}

const centsOf = (dollarsText: string) =>
  dollarsText.trim() === '' ? undefined : Math.round(Number(dollarsText) * 100);

const toForm = (s: BillingSettings): Form => ({
  facilityType: s.facilityType,
  profiles: Object.fromEntries(PayerKind.options.map((k) => [k, s.profiles[k] ?? ''])) as Record<
    PayerKind,
    string
  >,
  placeOfService: s.placeOfService,
  rateYear: String(s.rates.year),
  rates: Object.fromEntries(
    CODE_ORDER.map((c) => {
      const cents = s.rates.cents[c];
      return [c, cents === undefined ? '' : String(cents / 100)];
    }),
  ) as Record<BillingCode, string>,
  bhFteAnnualCost: String(s.bhFteAnnualCostCents / 100),
});

/** Facility type, the payer profile per payer kind, place of service, rates and BH FTE cost. */
export function BillingSettingsForm({ clinicId }: { clinicId: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: billingKeys.settings(clinicId),
    queryFn: ({ signal }) => api.call('getBillingSettings', { params: { clinicId }, signal }),
  });
  const custom: PayerProfile[] = settings.data?.customProfiles ?? [];
  const resolver = zodResolver<Form, typeof BillingSettings>(BillingSettings, (v) => ({
    facilityType: v.facilityType,
    profiles: Object.fromEntries(Object.entries(v.profiles).filter(([, id]) => id !== '')),
    customProfiles: custom,
    placeOfService: v.placeOfService.trim(),
    rates: {
      year: Number(v.rateYear),
      cents: Object.fromEntries(
        CODE_ORDER.map((c) => [c, centsOf(v.rates[c])]).filter(([, cents]) => cents !== undefined),
      ),
    },
    bhFteAnnualCostCents: centsOf(v.bhFteAnnualCost) ?? 0,
  }));
  const form = useForm<Form, unknown, BillingSettings>({ resolver });
  const { reset } = form;
  useEffect(() => {
    if (settings.data) reset(toForm(settings.data));
  }, [settings.data, reset]);
  const save = useMutation({
    mutationFn: (body: BillingSettings) =>
      api.call('putBillingSettings', { params: { clinicId }, body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(billingKeys.settings(clinicId), saved);
      // The worksheets' codes and revenue depend on these settings.
      void queryClient.invalidateQueries({ queryKey: ['clinic', clinicId, 'billing'] });
    },
  });
  const errors = form.formState.errors as Record<string, { message?: string } | undefined>;
  const errorText = (path: string, label: string) => {
    const message = errors[path]?.message;
    return message ? <p className="field-error">{fieldMessage(label, message)}</p> : null;
  };
  const profiles = [
    ...custom,
    ...BUILT_IN_PROFILES.filter((p) => !custom.some((c) => c.id === p.id)),
  ];
  return (
    <section className="card" aria-labelledby="billing-settings-heading">
      <h2 id="billing-settings-heading">Billing settings</h2>
      {settings.isPending && <Loading label="Loading billing settings…" />}
      {settings.isError && <ErrorNotice error={settings.error} />}
      {settings.data && (
        <form onSubmit={(event) => void form.handleSubmit((body) => save.mutate(body))(event)}>
          <div className="field">
            <label htmlFor="billing-facility">Facility type</label>
            <select id="billing-facility" {...form.register('facilityType')}>
              {FacilityType.options.map((f) => (
                <option key={f} value={f}>
                  {FACILITY_LABEL[f]}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="field">
            <legend>Payer profile per payer</legend>
            {PayerKind.options.map((kind) => (
              <div className="field" key={kind}>
                <label htmlFor={`billing-profile-${kind}`}>{PAYER_LABEL[kind]}</label>
                <select id={`billing-profile-${kind}`} {...form.register(`profiles.${kind}`)}>
                  <option value="">Default for the facility type</option>
                  {profiles.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.label}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="billing-pos">Place of service (2-digit code)</label>
            <input id="billing-pos" size={3} {...form.register('placeOfService')} />
            {errorText('placeOfService', 'Place of service')}
          </div>
          <fieldset className="field">
            <legend>Rate table (dollars per unit, for the revenue estimate)</legend>
            <div className="field">
              <label htmlFor="billing-rate-year">Fee-schedule year</label>
              <input
                id="billing-rate-year"
                inputMode="numeric"
                size={5}
                {...form.register('rateYear')}
              />
              {errorText('rates.year', 'Year')}
            </div>
            <div className="billing-rates">
              {CODE_ORDER.map((code) => (
                <div className="field" key={code}>
                  <label htmlFor={`billing-rate-${code}`}>{code}</label>
                  <input
                    id={`billing-rate-${code}`}
                    inputMode="decimal"
                    size={8}
                    {...form.register(`rates.${code}`)}
                  />
                  {errorText(`rates.cents.${code}`, code)}
                </div>
              ))}
            </div>
          </fieldset>
          <div className="field">
            <label htmlFor="billing-fte">BH staff annual cost (dollars, the clinic's share)</label>
            <input id="billing-fte" inputMode="decimal" {...form.register('bhFteAnnualCost')} />
            {errorText('bhFteAnnualCostCents', 'Cost')}
          </div>
          {save.isError && <ErrorNotice error={save.error} title="Not saved" />}
          {save.isSuccess && !form.formState.isDirty && <p role="status">Saved.</p>}
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save billing settings'}
          </button>
        </form>
      )}
    </section>
  );
}
