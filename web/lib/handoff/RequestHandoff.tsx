import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { bodyFieldErrors, isApiError, useApi } from '../api';
import { useClinic } from '../clinic';
import type { HandoffUrgency } from '../contracts';
import { ErrorNotice } from '../ui/Status';
import { URGENCY_LABEL } from './labels';
import { handoffPaths } from './paths';

const URGENCIES: HandoffUrgency[] = ['routine', 'urgent', 'safety'];

const newRequestId = () => crypto.randomUUID();

/**
 * "Request behavioral health" for the patient in the room: urgency and an optional reason; the
 * screening (when there is one) travels with the request. One clientRequestId per tap of the
 * button: "Send again" after a lost answer returns the first request instead of paging twice.
 */
export function RequestHandoff({
  clinicId,
  patientId,
  screeningId,
  suggestedUrgency = 'routine',
}: {
  clinicId: string;
  patientId: string;
  screeningId?: string;
  suggestedUrgency?: HandoffUrgency;
}) {
  const api = useApi();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [urgency, setUrgency] = useState<HandoffUrgency>(suggestedUrgency);
  const [reason, setReason] = useState('');
  const [requestId, setRequestId] = useState(newRequestId);
  // From a clinician's own screen the video goes to the exam-room tablet with the patient.
  const { role } = useClinic();
  const directory = useQuery({
    queryKey: ['clinic', clinicId, 'directory'],
    queryFn: ({ signal }) => api.call('getClinicDirectory', { params: { clinicId }, signal }),
    enabled: role !== 'tablet',
    staleTime: 5 * 60_000,
  });
  const tablets = (directory.data?.members ?? []).filter((member) => member.role === 'tablet');
  const [chosenDevice, setChosenDevice] = useState<string | undefined>(undefined);
  const onlyTablet = tablets.length === 1 ? tablets[0]?.userId : undefined;
  const deviceUserId = chosenDevice ?? onlyTablet ?? '';
  const start = () => {
    setRequestId(newRequestId());
    setOpen(true);
  };
  const send = useMutation({
    mutationFn: () =>
      api.call('requestHandoff', {
        params: { clinicId },
        body: {
          clientRequestId: requestId,
          patientId,
          ...(screeningId ? { screeningId } : {}),
          urgency,
          ...(reason.trim() ? { reason: reason.trim() } : {}),
          ...(deviceUserId ? { deviceUserId } : {}),
        },
      }),
    onSuccess: (handoff) => void navigate(handoffPaths.waiting(clinicId, handoff.handoffId)),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate();
  };
  if (!open) {
    return (
      <button type="button" className="button button-primary button-large" onClick={start}>
        Request behavioral health
      </button>
    );
  }
  const fieldErrors =
    send.error && isApiError(send.error) ? bodyFieldErrors(send.error).byField : undefined;
  return (
    <form
      className="card handoff-request"
      onSubmit={onSubmit}
      aria-labelledby="handoff-request-heading"
    >
      <h2 id="handoff-request-heading">Request behavioral health now</h2>
      <fieldset>
        <legend>Urgency</legend>
        {URGENCIES.map((value) => (
          <label key={value} className={`radio urgency-option urgency-${value}`}>
            <input
              type="radio"
              name="urgency"
              value={value}
              checked={urgency === value}
              onChange={() => setUrgency(value)}
            />{' '}
            {URGENCY_LABEL[value]}
          </label>
        ))}
        {fieldErrors?.get('urgency') && <p className="field-error">{fieldErrors.get('urgency')}</p>}
      </fieldset>
      {role !== 'tablet' && tablets.length > 0 && (
        <label className="field">
          <span>Video with the patient on</span>
          <select value={deviceUserId} onChange={(event) => setChosenDevice(event.target.value)}>
            {tablets.map((tablet) => (
              <option key={tablet.userId} value={tablet.userId}>
                {tablet.room ? `Exam-room tablet, ${tablet.room}` : tablet.displayName}
              </option>
            ))}
            <option value="">This screen (no tablet)</option>
          </select>
        </label>
      )}
      <label className="field">
        <span>Reason (optional)</span>
        <textarea
          value={reason}
          maxLength={500}
          rows={2}
          onChange={(event) => setReason(event.target.value)}
        />
      </label>
      {fieldErrors?.get('reason') && <p className="field-error">{fieldErrors.get('reason')}</p>}
      {send.isError && <ErrorNotice error={send.error} title="The request was not sent" />}
      <p className="hint">
        Every behavioral care manager on duty for this clinic is paged
        {screeningId ? ', with this screening result and its disposition' : ''}.
      </p>
      <div className="actions">
        <button
          type="submit"
          className="button button-primary button-large"
          disabled={send.isPending}
        >
          {send.isPending ? 'Sending…' : send.isError ? 'Send again' : 'Send request'}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => setOpen(false)}
          disabled={send.isPending}
        >
          Not now
        </button>
      </div>
    </form>
  );
}
