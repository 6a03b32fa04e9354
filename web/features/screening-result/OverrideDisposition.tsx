import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { bodyFieldErrors, describeError, isApiError, useApi } from '@lib/api';
import { useClinic } from '@lib/clinic';
import {
  OverrideDispositionCode,
  type DispositionOverride,
  type ScreeningResult,
} from '@lib/contracts';
import { queryKeys } from '@lib/queries';
import { formatDateTime } from '@lib/time';

/** Words for every disposition a clinician may choose (the seed's tiers, red lines, rule codes). */
export const OVERRIDE_LABEL: Record<OverrideDispositionCode, string> = {
  in_clinic: 'Tier 1: in clinic (PCP + BCM)',
  in_clinic_protocol_group: 'Tier 2: in clinic, protocol or group',
  external_referral: 'Tier 3: external specialty referral',
  urgent_psychiatry: 'Urgent psychiatry',
  emergency_department: 'Emergency department',
  safety_protocol_now: 'Safety protocol now',
  none: 'No action needed',
  pcp_addresses: 'PCP addresses; no automatic BH referral',
  offer_bh: 'Offer behavioral health (visit within 14 days)',
  urgent_bh: 'Urgent behavioral health visit (within 72 hours) with a safety plan',
  warm_handoff_today: 'Warm handoff to behavioral health today',
};

/** Only these roles may override (the server decides; this only hides a form they cannot use). */
const canOverride = (role: string) => role === 'pcp' || role === 'bcm';

/** "Triage rule said … / Clinician decided …", and the earlier overrides, when there is one. */
export function OverrideSummary({ result }: { result: ScreeningResult }) {
  const { timeZone } = useClinic();
  const { override } = result;
  if (!override) return null;
  const describe = (o: DispositionOverride) => (
    <>
      <strong>{OVERRIDE_LABEL[o.disposition]}</strong> — {o.reason} (by {o.overriddenBy},{' '}
      <time dateTime={o.overriddenAt}>{formatDateTime(o.overriddenAt, timeZone)}</time>)
    </>
  );
  const history = result.overrideHistory ?? [];
  return (
    <div className="notice" role="status" aria-label="Clinician override">
      <p>
        Triage rule said: <strong>{result.disposition.label}</strong>
      </p>
      <p>Clinician decided: {describe(override)}</p>
      {history.length > 0 && (
        <details>
          <summary>Earlier overrides ({history.length})</summary>
          <ul>
            {[...history].reverse().map((o) => (
              <li key={`${o.overriddenAt}-${o.overriddenBy}`}>{describe(o)}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

/** The PCP / BCM form: a structured disposition and a required written reason. */
export function OverrideForm({ result }: { result: ScreeningResult }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { clinicId, role } = useClinic();
  const [disposition, setDisposition] = useState<OverrideDispositionCode>('in_clinic');
  const [reason, setReason] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Map<string, string>>(new Map());
  const [general, setGeneral] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: () =>
      api.call('overrideDisposition', {
        params: { clinicId, patientId: result.patientId, screeningId: result.screeningId },
        body: { disposition, reason, expectedVersion: result.version ?? 0 },
      }),
    onSuccess: (updated) => {
      setReason('');
      setFieldErrors(new Map());
      setGeneral(null);
      queryClient.setQueryData(
        queryKeys.screening(clinicId, updated.patientId, updated.screeningId),
        updated,
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.clinicScreenings(clinicId) });
    },
    onError: (error) => {
      if (!isApiError(error)) {
        setGeneral(describeError(error));
        return;
      }
      const { byField, rest } = bodyFieldErrors(error);
      setFieldErrors(byField);
      const unshown = [...byField.keys()].filter((f) => f !== 'reason' && f !== 'disposition');
      const extra = [
        ...rest.map((i) => `${i.field}: ${i.message}`),
        ...unshown.map((f) => `${f}: ${byField.get(f)}`),
      ];
      setGeneral(
        byField.size === 0 || extra.length > 0 ? [describeError(error), ...extra].join(' ') : null,
      );
      if (error.code === 'conflict') {
        void queryClient.invalidateQueries({
          queryKey: queryKeys.screening(clinicId, result.patientId, result.screeningId),
        });
      }
    },
  });

  if (!canOverride(role)) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setGeneral(null);
    save.mutate();
  };
  const reasonError = fieldErrors.get('reason');
  const dispositionError = fieldErrors.get('disposition');

  return (
    <form onSubmit={submit} className="form" aria-labelledby="override-heading" noValidate>
      <h3 id="override-heading">Override disposition</h3>
      {general && (
        <p className="notice notice-error" role="alert">
          {general}
        </p>
      )}
      <div className="field">
        <label htmlFor="override-disposition">Clinician decision</label>
        <select
          id="override-disposition"
          value={disposition}
          onChange={(e) => setDisposition(OverrideDispositionCode.parse(e.target.value))}
          aria-invalid={dispositionError ? true : undefined}
          aria-describedby={dispositionError ? 'override-disposition-error' : undefined}
        >
          {OverrideDispositionCode.options.map((code) => (
            <option key={code} value={code}>
              {OVERRIDE_LABEL[code]}
            </option>
          ))}
        </select>
        {dispositionError && (
          <p id="override-disposition-error" className="field-error">
            {dispositionError}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="override-reason">Reason (required, kept with the result)</label>
        <textarea
          id="override-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
          minLength={10}
          maxLength={1000}
          rows={3}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={reasonError ? 'override-reason-error' : undefined}
        />
        {reasonError && (
          <p id="override-reason-error" className="field-error">
            {reasonError}
          </p>
        )}
      </div>
      <button type="submit" className="button button-primary" disabled={save.isPending}>
        {save.isPending ? 'Saving…' : 'Override disposition'}
      </button>
    </form>
  );
}
