import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router';
import type * as z from 'zod';
import { isApiError, useApi } from '@lib/api';
import { useClinic } from '@lib/clinic';
import { Enrolment, type Role } from '@lib/contracts';
import { paths } from '@lib/paths';
import { usePatient } from '@lib/queries';
import { registryPaths } from '@lib/registry/paths';
import { registryKeys, useClinicDirectory } from '@lib/registry/queries';
import { localInputValue, utcOfLocalInput } from '@lib/registry/zone';
import { ErrorNotice, Loading } from '@lib/ui/Status';
import { isoDateIn } from '@lib/time';
import {
  PlanFields,
  planBody,
  planDefaults,
  useDiagnosisCatalog,
  type PlanFormValues,
} from './PlanFields';
import { bodyPaths, issuePaths } from './useEpisodeUpdate';
import '@lib/registry/registry.css';

interface EnrolForm extends PlanFormValues {
  referredOn: string;
  consentMethod: 'verbal' | 'written';
  consentObtainedAt: string;
  consultationExplained: boolean;
  costSharingExplained: boolean;
  bcmId: string;
  billingPractitionerId: string;
  psychiatristId: string;
}

const isFuture = (at: Date): boolean => at.getTime() > Date.now();

/** Error paths of the contract → the form field that shows them. */
const FIELD_OF_PATH: Record<string, string> = {
  'consent.obtainedAt': 'consentObtainedAt',
  'consent.psychiatricConsultationExplained': 'consultationExplained',
  'consent.costSharingExplained': 'costSharingExplained',
  'consent.method': 'consentMethod',
  'consent.obtainedBy': 'consentObtainedAt',
};

/** "Enrol in collaborative care": the PCP's referral with documented consent and the care team. */
export function EnrolPage() {
  const { patientId = '' } = useParams();
  const { clinicId } = useClinic();
  const patient = usePatient(clinicId, patientId);
  const directory = useClinicDirectory(clinicId);
  if (patient.isError) return <ErrorNotice error={patient.error} />;
  if (directory.isError) return <ErrorNotice error={directory.error} />;
  if (!patient.data || !directory.data) return <Loading label="Loading…" />;
  return (
    <EnrolFormView
      patientId={patientId}
      patientName={`${patient.data.givenName} ${patient.data.familyName}`}
      members={directory.data.members}
    />
  );
}

function EnrolFormView({
  patientId,
  patientName,
  members,
}: {
  patientId: string;
  patientName: string;
  members: readonly { userId: string; displayName: string; role: Role }[];
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { clinicId, clinicName, timeZone, me, role } = useClinic();
  const catalog = useDiagnosisCatalog(clinicId);
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [openedAt] = useState(() => Date.now());
  const ofRole = (r: Role) => members.filter((m) => m.role === r);
  const pick = (r: Role) =>
    (role === r ? ofRole(r).find((m) => m.userId === me.userId) : undefined)?.userId ??
    (ofRole(r).length === 1 ? ofRole(r)[0]?.userId : '') ??
    '';
  const form = useForm<EnrolForm>({
    defaultValues: {
      ...planDefaults(),
      referredOn: isoDateIn(openedAt, timeZone),
      consentMethod: 'verbal',
      consentObtainedAt: localInputValue(openedAt, timeZone),
      consultationExplained: false,
      costSharingExplained: false,
      bcmId: pick('bcm'),
      billingPractitionerId: pick('pcp'),
      psychiatristId: pick('psychiatrist'),
    },
  });
  const enrol = useMutation({
    mutationFn: (body: z.input<typeof Enrolment>) =>
      api.call('enrolPatient', { params: { clinicId, patientId }, body }),
    onSuccess: (view) => {
      void queryClient.invalidateQueries({
        queryKey: registryKeys.episodesOf(clinicId, patientId),
      });
      void queryClient.invalidateQueries({ queryKey: registryKeys.caseloadAll });
      void navigate(registryPaths.episode(clinicId, patientId, view.episodeId));
    },
    onError: (error) => {
      if (isApiError(error)) setErrors(bodyPaths(error.fields));
    },
  });
  const onSubmit = form.handleSubmit((values) => {
    const obtainedAt = utcOfLocalInput(values.consentObtainedAt, timeZone);
    const body = {
      referredOn: values.referredOn,
      consent: {
        obtainedAt: obtainedAt?.toISOString() ?? '',
        method: values.consentMethod,
        psychiatricConsultationExplained: values.consultationExplained,
        costSharingExplained: values.costSharingExplained,
      },
      bcmId: values.bcmId,
      billingPractitionerId: values.billingPractitionerId,
      psychiatristId: values.psychiatristId,
      ...planBody(values, catalog.items),
    };
    const parsed = Enrolment.safeParse(body);
    const problems = parsed.success ? new Map<string, string>() : issuePaths(parsed.error.issues);
    if (obtainedAt && isFuture(obtainedAt))
      problems.set('consent.obtainedAt', 'cannot be in the future');
    setErrors(problems);
    if (problems.size === 0) enrol.mutate(body as z.input<typeof Enrolment>);
  });
  const errorOf = (path: string): string | undefined => {
    for (const [p, message] of errors) if ((FIELD_OF_PATH[p] ?? p) === path) return message;
    return undefined;
  };
  const err = (path: string, id: string) => {
    const message = errorOf(path);
    return message ? (
      <p className="field-error" id={id}>
        {message}
      </p>
    ) : null;
  };
  const picker = (
    name: 'bcmId' | 'billingPractitionerId' | 'psychiatristId',
    r: Role,
    label: string,
  ) => (
    <div className="field">
      <label htmlFor={`enrol-${name}`}>{label}</label>
      <select
        id={`enrol-${name}`}
        aria-invalid={errorOf(name) ? true : undefined}
        aria-describedby={errorOf(name) ? `enrol-${name}-error` : undefined}
        {...form.register(name)}
      >
        <option value="">Choose…</option>
        {ofRole(r).map((m) => (
          <option key={m.userId} value={m.userId}>
            {m.displayName}
          </option>
        ))}
      </select>
      {err(name, `enrol-${name}-error`)}
    </div>
  );
  return (
    <>
      <title>{`Enrol ${patientName} — Behavioral health consult`}</title>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={paths.patient(clinicId, patientId)}>{patientName}</Link>
      </nav>
      <h1>Enrol in collaborative care</h1>
      <p>
        {patientName} at {clinicName}. The patient&apos;s PHQ-9 and GAD-7 from the last 30 days
        become the baseline.
      </p>
      <form className="card registry-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <div className="field">
          <label htmlFor="enrol-referred-on">Referred on (episode start)</label>
          <input id="enrol-referred-on" type="date" {...form.register('referredOn')} />
          {err('referredOn', 'enrol-referred-on-error')}
        </div>
        <fieldset className="field">
          <legend>Consent</legend>
          <label className="radio-line">
            <input type="radio" value="verbal" {...form.register('consentMethod')} /> Verbal
          </label>
          <label className="radio-line">
            <input type="radio" value="written" {...form.register('consentMethod')} /> Written
          </label>
          <label className="radio-line">
            <input
              type="checkbox"
              aria-invalid={errorOf('consultationExplained') ? true : undefined}
              aria-describedby={
                errorOf('consultationExplained') ? 'enrol-consultation-error' : undefined
              }
              {...form.register('consultationExplained')}
            />{' '}
            The patient was told a psychiatric consultant will review their care
          </label>
          {err('consultationExplained', 'enrol-consultation-error')}
          <label className="radio-line">
            <input
              type="checkbox"
              aria-invalid={errorOf('costSharingExplained') ? true : undefined}
              aria-describedby={errorOf('costSharingExplained') ? 'enrol-cost-error' : undefined}
              {...form.register('costSharingExplained')}
            />{' '}
            The patient was told that cost sharing applies
          </label>
          {err('costSharingExplained', 'enrol-cost-error')}
          <div className="field">
            <label htmlFor="enrol-consent-at">Consent obtained at ({clinicName} time)</label>
            <input
              id="enrol-consent-at"
              type="datetime-local"
              {...form.register('consentObtainedAt')}
            />
            <p className="hint">Recorded as obtained by you.</p>
            {err('consentObtainedAt', 'enrol-consent-at-error')}
          </div>
        </fieldset>
        <fieldset className="field">
          <legend>Care team</legend>
          {picker('bcmId', 'bcm', 'Behavioral care manager')}
          {picker('billingPractitionerId', 'pcp', 'Billing practitioner (PCP)')}
          {picker('psychiatristId', 'psychiatrist', 'Psychiatric consultant')}
        </fieldset>
        {/* EnrolForm extends PlanFormValues, so every path PlanFields registers exists. */}
        <PlanFields
          idPrefix="enrol"
          register={form.register as never}
          control={form.control as never}
          catalog={catalog}
          errorOf={errorOf}
        />
        {enrol.isError && <ErrorNotice error={enrol.error} title="Not enrolled" />}
        {errors.size > 0 && !enrol.isError && (
          <p className="field-error" role="alert">
            Check the fields marked above.
          </p>
        )}
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={enrol.isPending}>
            {enrol.isPending ? 'Enrolling…' : 'Enrol'}
          </button>
          <Link className="button" to={paths.patient(clinicId, patientId)}>
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}
