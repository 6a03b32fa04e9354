import { useQuery } from '@tanstack/react-query';
import { useApi } from '@lib/api';
import type { Handoff } from '@lib/contracts';
import { URGENCY_LABEL } from '@lib/handoff/labels';
import { formatIsoDate } from '@lib/time';
import { ErrorNotice, Loading } from '@lib/ui/Status';

const LEVEL_LABEL = { low: 'Low', moderate: 'Moderate', high: 'High' } as const;

/** Beside the BCM's video: why the PCP asked, the screening that came with it, the safety summary. */
export function PatientPanel({ handoff }: { handoff: Handoff }) {
  const api = useApi();
  const { clinicId, patientId, screeningId } = handoff;
  const screening = useQuery({
    queryKey: ['clinic', clinicId, 'patient', patientId, 'screening', screeningId],
    queryFn: ({ signal }) =>
      api.call('getScreening', {
        params: { clinicId, patientId, screeningId: screeningId ?? '' },
        signal,
      }),
    enabled: screeningId !== undefined,
    staleTime: 5 * 60_000,
  });
  const safety = useQuery({
    queryKey: ['clinic', clinicId, 'patient', patientId, 'safety', 'summary'],
    queryFn: ({ signal }) =>
      api.call('getSafetySummary', { params: { clinicId, patientId }, signal }),
  });
  return (
    <aside className="call-panel" aria-label="Patient summary">
      <h2>{handoff.summary.patientLabel}</h2>
      <p>
        {handoff.summary.clinicName} · {URGENCY_LABEL[handoff.urgency]}
      </p>
      {handoff.reason && <p className="queue-reason">“{handoff.reason}”</p>}
      <section aria-labelledby="panel-screening">
        <h3 id="panel-screening">Screening</h3>
        {screeningId === undefined && <p>No screening came with this request.</p>}
        {screening.isPending && screeningId !== undefined && <Loading label="Loading screening…" />}
        {screening.isError && <ErrorNotice error={screening.error} />}
        {screening.data && (
          <>
            <ul>
              {screening.data.scores.map((s) => (
                <li key={s.instrument}>
                  {s.instrument}: {s.total} ({s.bandLabel})
                </li>
              ))}
            </ul>
            {screening.data.flags.length > 0 && (
              <ul className="call-flags">
                {screening.data.flags.map((f) => (
                  <li key={f.code}>{f.message}</li>
                ))}
              </ul>
            )}
            <p>Disposition: {screening.data.disposition.label}</p>
          </>
        )}
      </section>
      <section aria-labelledby="panel-safety">
        <h3 id="panel-safety">Safety</h3>
        {safety.isPending && <Loading label="Loading safety summary…" />}
        {safety.isError && <ErrorNotice error={safety.error} />}
        {safety.data && (
          <p>
            Risk level:{' '}
            {safety.data.level ? LEVEL_LABEL[safety.data.level] : 'no assessment recorded'}
            {safety.data.followUpDate && ` · follow-up ${formatIsoDate(safety.data.followUpDate)}`}
            {' · '}
            {safety.data.planVersion
              ? `safety plan version ${safety.data.planVersion}`
              : 'no safety plan'}
          </p>
        )}
      </section>
    </aside>
  );
}
