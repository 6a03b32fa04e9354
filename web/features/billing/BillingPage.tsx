import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Navigate, useNavigate, useParams } from 'react-router';
import { useApi } from '@lib/api';
import { useClinic } from '@lib/clinic';
import {
  YearMonth,
  addMonths,
  clinicMonth,
  type WorksheetLine,
  type WorksheetView,
} from '@lib/billing';
import { paths } from '@lib/paths';
import { useClinicDirectory } from '@lib/registry/queries';
import { formatDateTime } from '@lib/time';
import { ErrorNotice, Loading } from '@lib/ui/Status';
import { AdjustmentDialog } from './AdjustmentDialog';
import { BillingSettingsForm } from './BillingSettingsForm';
import { CloseMonthButton } from './CloseMonthButton';
import { WorksheetTable } from './WorksheetTable';
import { CODE_ORDER, billingKeys, dollars, downloadText, monthLabel } from './billing';
import './billing.css';

const STATUS_LABEL: Record<WorksheetView['status'], string> = {
  open: 'Open',
  closing: 'Closing',
  closed: 'Closed',
};

/**
 * The CoCM worksheet of one clinic-local month (default: this month). Admins close a month that
 * has ended, correct closed lines with adjustments and download the claim CSV; PCPs read it.
 */
export function BillingPage() {
  const clinic = useClinic();
  const { month: param } = useParams();
  const current = clinicMonth(new Date(), clinic.timeZone);
  const base = `${paths.area(clinic.clinicId, clinic.area)}/billing`;
  if (param === undefined) return <Navigate replace to={`${base}/${current}`} />;
  if (!YearMonth.safeParse(param).success)
    return <ErrorNotice error={new Error('bad month')} title="Not a month (use YYYY-MM)" />;
  return <MonthWorksheet key={param} month={param} current={current} base={base} />;
}

function MonthWorksheet({
  month,
  current,
  base,
}: {
  month: string;
  current: string;
  base: string;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { clinicId, timeZone, area } = useClinic();
  const isAdmin = area === 'admin';
  const [adjusting, setAdjusting] = useState<WorksheetLine | null>(null);
  const directory = useClinicDirectory(clinicId);
  const key = billingKeys.worksheet(clinicId, month);
  const worksheet = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      api.call('getBillingWorksheet', { params: { clinicId, month }, signal }),
    // Minutes are logged all day by others: a month reopened must show them, not a cached copy.
    staleTime: 0,
  });
  const exportCsv = useMutation({
    mutationFn: () => api.call('exportBillingMonth', { params: { clinicId, month } }),
    onSuccess: (file) => downloadText(file.filename, file.csv, file.contentType),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key });
  const nameOf = (userId: string | null) =>
    userId === null
      ? 'No billing practitioner'
      : (directory.data?.members.find((m) => m.userId === userId)?.displayName ?? userId);
  const months = Array.from({ length: 13 }, (_, i) => addMonths(current, -i));
  if (!months.includes(month)) months.push(month);
  const data = worksheet.data;
  const closed = data?.status === 'closed';

  return (
    <>
      <title>{`Billing ${month} — Behavioral health consult`}</title>
      <h1>CoCM billing worksheet</h1>
      <div className="billing-toolbar">
        <div className="field">
          <label htmlFor="billing-month">Month</label>
          <select
            id="billing-month"
            value={month}
            onChange={(e) => void navigate(`${base}/${e.target.value}`)}
          >
            {months.map((m) => (
              <option key={m} value={m}>
                {monthLabel(m)}
                {m === current ? ' (this month)' : ''}
              </option>
            ))}
          </select>
        </div>
        {data && (
          <p
            className="billing-status"
            data-testid="month-status"
            data-status={data.status}
            data-month={data.month}
          >
            {STATUS_LABEL[data.status]}
            {data.closedAt &&
              ` ${formatDateTime(data.closedAt, timeZone)} by ${nameOf(data.closedBy ?? null)}`}
          </p>
        )}
        {data && isAdmin && data.status !== 'closed' && month < current && (
          <CloseMonthButton clinicId={clinicId} month={month} onClosed={refresh} />
        )}
        {data && isAdmin && data.status === 'open' && month >= current && (
          <p className="hint">The month can be closed once it has ended ({timeZone}).</p>
        )}
        {closed && isAdmin && (
          <button
            type="button"
            className="button"
            disabled={exportCsv.isPending}
            onClick={() => exportCsv.mutate()}
          >
            {exportCsv.isPending ? 'Preparing…' : 'Download CSV'}
          </button>
        )}
      </div>
      {exportCsv.isError && <ErrorNotice error={exportCsv.error} title="No CSV" />}
      {worksheet.isPending && <Loading label="Computing the worksheet…" />}
      {worksheet.isError && (
        <ErrorNotice error={worksheet.error} onRetry={() => void worksheet.refetch()} />
      )}
      {data && (
        <>
          <Totals view={data} />
          {closed && <p className="hint">This month is closed: corrections are adjustments.</p>}
          {data.groups.length === 0 && <p>No enrolled patients with care this month.</p>}
          {data.groups.map((group) => (
            <WorksheetTable
              key={group.billingPractitionerId ?? 'none'}
              group={group}
              practitioner={nameOf(group.billingPractitionerId)}
              current={month === current}
              adjustments={data.adjustments}
              {...(closed && isAdmin ? { onAdjust: setAdjusting } : {})}
            />
          ))}
        </>
      )}
      {adjusting && (
        <AdjustmentDialog
          clinicId={clinicId}
          month={month}
          line={adjusting}
          onClose={() => setAdjusting(null)}
          onSaved={() => {
            setAdjusting(null);
            refresh();
          }}
        />
      )}
      {isAdmin && <BillingSettingsForm clinicId={clinicId} />}
    </>
  );
}

function Totals({ view }: { view: WorksheetView }) {
  const units = CODE_ORDER.filter((code) => (view.totals.units[code] ?? 0) > 0);
  return (
    <section className="card" aria-labelledby="billing-totals-heading">
      <h2 id="billing-totals-heading">Totals</h2>
      <dl className="facts" data-testid="billing-totals">
        <div>
          <dt>Patients</dt>
          <dd>{view.totals.patients}</dd>
        </div>
        <div>
          <dt>Billable / held</dt>
          <dd>
            {view.totals.billableLines} / {view.totals.gatedLines}
          </dd>
        </div>
        <div>
          <dt>Counted minutes</dt>
          <dd>{view.totals.countedMinutes}</dd>
        </div>
        <div>
          <dt>Units</dt>
          <dd>
            {units.length === 0
              ? 'None'
              : units.map((code) => `${code} ×${view.totals.units[code] ?? 0}`).join(', ')}
          </dd>
        </div>
        <div>
          <dt>Estimated revenue ({view.rateYear} rates)</dt>
          <dd>{dollars(view.totals.estimatedRevenueCents)}</dd>
        </div>
      </dl>
    </section>
  );
}
