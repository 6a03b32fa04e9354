import { Link } from 'react-router';
import { useClinic } from '@lib/clinic';
import { ErrorNotice, Loading } from '@lib/ui/Status';
import { Dashboard } from './Dashboard';
import { monthLabel } from './format';
import { PeriodPicker, usePeriod } from './PeriodPicker';
import { useClinicOutcomes } from './queries';

/** One clinic's outcomes, at /clinics/:clinicId/admin/outcomes. */
export function ClinicOutcomesPage() {
  const clinic = useClinic();
  const period = usePeriod();
  const outcomes = useClinicOutcomes(clinic.clinicId, period);
  const severalClinics =
    new Set(
      clinic.me.memberships
        .filter((m) => m.role === 'admin' || m.role === 'pcp')
        .map((m) => m.clinicId),
    ).size > 1;
  const data = outcomes.data;
  return (
    <>
      <title>{`Outcomes — ${clinic.clinicName}`}</title>
      <div className="section-head">
        <h1>Outcomes</h1>
        {severalClinics && <Link to="/outcomes">All my clinics</Link>}
      </div>
      {data && (
        <>
          <p className="lead">
            {`${data.clinicName}, ${monthLabel(data.from)} to ${monthLabel(data.to)} (months in the clinic's time zone, ${data.timeZone}).`}
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
          summary={data}
          clinicNames={new Map([[data.clinicId, data.clinicName]])}
          me={clinic.me}
          filePrefix={[data.clinicId, `${data.from}-to-${data.to}`]}
        />
      )}
    </>
  );
}
