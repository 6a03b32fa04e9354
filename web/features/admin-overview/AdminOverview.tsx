import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useApi } from '@lib/api';
import { useClinic } from '@lib/clinic';
import type { ClinicView } from '@lib/contracts';
import { paths } from '@lib/paths';
import { queryKeys } from '@lib/queries';
import { ErrorNotice, Loading } from '@lib/ui/Status';
import { formatClock, useNow } from '@lib/time';
import { HandoffMetricsCard } from '@lib/handoff/HandoffMetricsCard';
import { HandoffSettingsForm } from './HandoffSettingsForm';
import { RegistrySettingsForm } from './RegistrySettingsForm';

const INTEGRATION_MODEL: Record<ClinicView['integrationModel'], string> = {
  'co-location': 'Co-location',
  'collaborative-care': 'Collaborative Care (CoCM)',
  'integrated-brief-therapy': 'Integrated brief therapy',
};

/** The admin's clinic overview: name, zone, integration model, current triage rule version. */
export function AdminOverview() {
  const api = useApi();
  const { clinicId } = useClinic();
  const now = useNow();
  const clinic = useQuery({
    queryKey: queryKeys.clinic(clinicId),
    queryFn: ({ signal }) => api.call('getClinic', { params: { clinicId }, signal }),
  });
  return (
    <>
      <title>Clinic overview — Behavioral health consult</title>
      <h1>Clinic overview</h1>
      {clinic.isPending && <Loading label="Loading clinic…" />}
      {clinic.isError && <ErrorNotice error={clinic.error} onRetry={() => void clinic.refetch()} />}
      {clinic.data && (
        <section className="card" aria-labelledby="clinic-heading">
          <h2 id="clinic-heading">{clinic.data.name}</h2>
          <dl className="facts facts-stacked">
            <div>
              <dt>Clinic id</dt>
              <dd>
                <code>{clinic.data.clinicId}</code>
              </dd>
            </div>
            <div>
              <dt>Time zone</dt>
              <dd>
                {clinic.data.timeZone} (now {formatClock(now, clinic.data.timeZone)})
              </dd>
            </div>
            <div>
              <dt>Integration model</dt>
              <dd>{INTEGRATION_MODEL[clinic.data.integrationModel]}</dd>
            </div>
            <div>
              <dt>Current triage rule version</dt>
              <dd>
                {clinic.data.triageRuleVersion}{' '}
                <Link to={`${paths.area(clinicId, 'admin')}/triage-rules`}>
                  View or edit triage rules
                </Link>
              </dd>
            </div>
          </dl>
        </section>
      )}
      <HandoffMetricsCard clinicId={clinicId} />
      <HandoffSettingsForm clinicId={clinicId} />
      <RegistrySettingsForm clinicId={clinicId} />
    </>
  );
}
