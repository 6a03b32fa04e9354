import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useForm, type UseFormRegisterReturn } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { bodyFieldErrors, describeError, isApiError, useApi } from '@lib/api';
import { useClinic } from '@lib/clinic';
import { PatientCreate } from '@lib/contracts';
import { paths } from '@lib/paths';
import { queryKeys } from '@lib/queries';
import { isoDateIn, useNow } from '@lib/time';
import { fieldMessage, zodResolver } from '@lib/zodResolver';

/** What the form holds (strings, as typed); the resolver turns it into PatientCreate. */
interface PatientForm {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sexAtBirth: string;
  mrn: string;
  preferredLanguage: string;
}

type FieldName = keyof PatientForm;

const LABELS: Record<FieldName, string> = {
  givenName: 'Given name',
  familyName: 'Family name',
  dateOfBirth: 'Date of birth',
  sexAtBirth: 'Sex at birth',
  mrn: 'MRN',
  preferredLanguage: 'Preferred language',
};

const resolver = zodResolver<PatientForm, typeof PatientCreate>(PatientCreate, (v) => ({
  givenName: v.givenName,
  familyName: v.familyName,
  dateOfBirth: v.dateOfBirth || undefined,
  sexAtBirth: v.sexAtBirth || undefined,
  mrn: v.mrn.trim() || undefined,
  preferredLanguage: v.preferredLanguage || undefined,
}));

const isField = (name: string): name is FieldName => name in LABELS;

/** Register a patient (react-hook-form + the PatientCreate contract); server field errors land on their fields. */
export function RegisterPatient({ onCancel }: { onCancel: () => void }) {
  const api = useApi();
  const { clinicId, timeZone } = useClinic();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const today = isoDateIn(useNow(), timeZone);
  const [general, setGeneral] = useState<string | null>(null);

  const form = useForm<PatientForm, unknown, PatientCreate>({
    resolver,
    defaultValues: {
      givenName: '',
      familyName: '',
      dateOfBirth: '',
      sexAtBirth: '',
      mrn: '',
      preferredLanguage: 'en',
    },
    shouldFocusError: true,
  });
  const { errors } = form.formState;

  const register = useMutation({
    mutationFn: (body: PatientCreate) =>
      api.call('registerPatient', { params: { clinicId }, body }),
    onSuccess: (patient) => {
      queryClient.setQueryData(queryKeys.patient(clinicId, patient.patientId), patient);
      void navigate(paths.patient(clinicId, patient.patientId));
    },
    onError: (error) => {
      if (!isApiError(error)) {
        setGeneral(describeError(error));
        return;
      }
      const { byField, rest } = bodyFieldErrors(error);
      let first = true;
      for (const [name, message] of byField) {
        if (isField(name)) {
          form.setError(name, { type: 'server', message }, { shouldFocus: first });
          first = false;
        } else {
          rest.push({ field: `body.${name}`, message });
        }
      }
      if (error.code === 'forbidden') {
        setGeneral(`Your role in this clinic cannot register patients. ${error.message}`);
      } else if (byField.size === 0 || rest.length > 0) {
        setGeneral(
          [describeError(error), ...rest.map((issue) => `${issue.field}: ${issue.message}`)].join(
            ' ',
          ),
        );
      } else {
        setGeneral(null);
      }
    },
  });

  const onSubmit = form.handleSubmit((body) => {
    setGeneral(null);
    register.mutate(body);
  });

  const describedBy = (name: FieldName, hint?: string) =>
    [hint, errors[name] ? `${name}-error` : undefined].filter(Boolean).join(' ') || undefined;

  const fieldProps = (name: FieldName, hint?: string) => ({
    id: `patient-${name}`,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': describedBy(name, hint),
  });

  return (
    <form id="register-form" noValidate onSubmit={(e) => void onSubmit(e)} className="form">
      {general && (
        <p className="notice notice-error" role="alert">
          {general}
        </p>
      )}
      <div className="form-grid">
        <Field name="givenName" error={errors.givenName?.message}>
          <input
            {...form.register('givenName')}
            {...fieldProps('givenName')}
            autoComplete="off"
            autoCapitalize="words"
            autoFocus
          />
        </Field>
        <Field name="familyName" error={errors.familyName?.message}>
          <input
            {...form.register('familyName')}
            {...fieldProps('familyName')}
            autoComplete="off"
            autoCapitalize="words"
          />
        </Field>
        <Field name="dateOfBirth" error={errors.dateOfBirth?.message}>
          <input
            type="date"
            max={today}
            min="1900-01-01"
            {...form.register('dateOfBirth')}
            {...fieldProps('dateOfBirth')}
          />
        </Field>
        <Field name="sexAtBirth" error={errors.sexAtBirth?.message}>
          <Select
            registration={form.register('sexAtBirth')}
            props={fieldProps('sexAtBirth')}
            options={[
              ['', 'Choose…'],
              ['female', 'Female'],
              ['male', 'Male'],
              ['unknown', 'Unknown'],
            ]}
          />
        </Field>
        <Field name="mrn" label="MRN (optional)" error={errors.mrn?.message}>
          <input
            {...form.register('mrn')}
            {...fieldProps('mrn', 'patient-mrn-hint')}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
          />
          <p className="hint" id="patient-mrn-hint">
            The clinic's medical record number, if it has one.
          </p>
        </Field>
        <Field name="preferredLanguage" error={errors.preferredLanguage?.message}>
          <Select
            registration={form.register('preferredLanguage')}
            props={fieldProps('preferredLanguage')}
            options={[
              ['en', 'English'],
              ['es', 'Español (Spanish)'],
            ]}
          />
        </Field>
      </div>
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={register.isPending}>
          {register.isPending ? 'Registering…' : 'Register patient'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={register.isPending}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function Field({
  name,
  label = LABELS[name],
  error,
  children,
}: {
  name: FieldName;
  label?: string;
  error: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={`patient-${name}`}>{label}</label>
      {children}
      {error && (
        <p className="field-error" id={`${name}-error`}>
          {fieldMessage(LABELS[name], error)}
        </p>
      )}
    </div>
  );
}

function Select({
  registration,
  props,
  options,
}: {
  registration: UseFormRegisterReturn;
  props: Record<string, unknown>;
  options: [string, string][];
}) {
  return (
    <select {...registration} {...props}>
      {options.map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </select>
  );
}
