import type { Me } from '@lib/contracts';
import { CrossClinicShell } from '@lib/registry/CrossClinicShell';
import { ErrorNotice, Loading } from '@lib/ui/Status';
import { Dashboard } from './Dashboard';
import { monthLabel } from './format';
import { PeriodPicker, usePeriod } from './PeriodPicker';
import { useNetworkOutcomes } from './queries';

/** Every clinic where the user may read outcomes, together and side by side, at /outcomes. */
export function NetworkOutcomesPage() {
  return (
    <CrossClinicShell
      title="Outcomes"
      roles={['admin', 'pcp']}
      forWhom="for clinic administrators and primary care clinicians"
    >
      {(me) => <NetworkOutcomes me={me} />}
    </CrossClinicShell>
  );
}

function NetworkOutcomes({ me }: { me: Me }) {
  const period = usePeriod();
  const outcomes = useNetworkOutcomes(period);
  const data = outcomes.data;
  return (
    <>
      <title>Outcomes across clinics — Behavioral health consult</title>
      <h1>Outcomes across my clinics</h1>
      {data && (
        <>
          <p className="lead">
            {`${data.clinics.map((c) => c.clinicName).join(', ')}: ${monthLabel(data.from)} to ${monthLabel(data.to)} (each clinic's own calendar months).`}
          </p>
          <PeriodPicker key={`${data.from}|${data.to}`} from={data.from} to={data.to} />
        </>
      )}
      {outcomes.isPending && <Loading label="Loading outcomes…" />}
      {outcomes.isError && (
        <ErrorNotice error={outcomes.error} onRetry={() => void outcomes.refetch()} />
      )}
      {data && (
        <Dashboard
          summary={data.network}
          clinics={data.clinics}
          clinicNames={new Map(data.clinics.map((c) => [c.clinicId, c.clinicName]))}
          me={me}
          filePrefix={['network', `${data.from}-to-${data.to}`]}
        />
      )}
    </>
  );
}
