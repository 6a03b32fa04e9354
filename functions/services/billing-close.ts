/**
 * Closing a billing month once (issue #6). The header is written first, conditionally: of two
 * closers exactly one starts, and from that moment the month's inputs are frozen (no activity may
 * be logged in it), so the lines computed next are the month as billed. A close that dies half-way
 * stays `closing`; after its lease anyone allowed to close resumes it and gets the same lines.
 */
import { billingSettingsOf } from '../contracts/clinics';
import type { MonthCloseResult } from '../contracts/billing';
import type { ClinicId } from '../contracts/common';
import { clinicMonth, closeIssues } from '../domain/billing';
import { DomainError } from '../domain/errors';
import type { MonthCloseHeader } from '../ports/billing';
import type { RequestContext } from '../ports/context';
import { auditEvent, authorizeFor } from './access';
import { computeWorksheet, requireClinic, worksheetTarget } from './billing-month';

/** A close older than this is taken as crashed (a 10,000-patient close takes well under a minute). */
export const CLOSE_LEASE_MS = 5 * 60_000;

const busy = (header: MonthCloseHeader) =>
  DomainError.conflict(
    `${header.month} is already ${header.status === 'closed' ? 'closed' : 'being closed'} by ${header.closedBy} (${header.closedAt})`,
    [{ field: 'path.month', message: `is ${header.status}` }],
  );

/** The header this request closes under: a new one, or a crashed close taken over. */
const claim = async (
  ctx: RequestContext,
  header: MonthCloseHeader,
  now: Date,
): Promise<MonthCloseHeader> => {
  const { billing } = ctx.deps.store;
  const target = worksheetTarget(header.month);
  const begun = await billing.beginClose(
    header,
    auditEvent(ctx, header.clinicId, 'billing.close', target),
  );
  if (begun.started) return header;
  const existing = begun.header;
  const stale = now.getTime() - Date.parse(existing.leaseAt) >= CLOSE_LEASE_MS;
  if (existing.status === 'closed' || !stale) throw busy(existing);
  const resumed = await billing.resumeClose(
    { ...existing, closedBy: ctx.actorId, closedAt: header.closedAt, leaseAt: header.leaseAt },
    existing.leaseAt,
    auditEvent(ctx, header.clinicId, 'billing.close.resume', target),
  );
  if (!resumed) {
    throw busy((await billing.getClose(header.clinicId, header.month)) ?? existing);
  }
  return resumed;
};

export const closeBillingMonth = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  month: string,
): Promise<MonthCloseResult> => {
  await authorizeFor(ctx, 'billing.close', clinicId, worksheetTarget(month));
  const clinic = await requireClinic(ctx.deps, clinicId);
  const now = ctx.deps.clock.now();
  const issues = closeIssues(month, now, clinic.timeZone);
  if (issues.length > 0) throw DomainError.validation('The month cannot close yet', issues);
  const settings = billingSettingsOf(clinic);
  const mine = await claim(
    ctx,
    {
      clinicId,
      month,
      status: 'closing',
      closedBy: ctx.actorId,
      closedAt: now.toISOString(),
      leaseAt: now.toISOString(),
      lines: 0,
      timeZone: clinic.timeZone,
      facilityType: settings.facilityType,
      rates: settings.rates,
    },
    now,
  );
  const sheet = await computeWorksheet(ctx.deps, clinic, month, now);
  const lines = sheet.groups.flatMap((group) => group.lines);
  await ctx.deps.store.billing.putLines(clinicId, month, lines);
  const closed = await ctx.deps.store.billing.finishClose(
    clinicId,
    month,
    mine.leaseAt,
    lines.length,
  );
  return {
    clinicId,
    month,
    status: closed.status,
    closedAt: closed.closedAt,
    closedBy: closed.closedBy,
    lines: closed.lines,
  };
};

/**
 * Refuses a change to a closed (or closing) month's inputs: an activity that started in it on the
 * clinic's calendar. Corrections of a closed month are adjustments.
 */
export const assertMonthOpen = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  timeZone: string,
  occurredAt: Date,
): Promise<void> => {
  const month = clinicMonth(occurredAt, timeZone);
  const header = await ctx.deps.store.billing.getClose(clinicId, month);
  if (!header) return;
  throw DomainError.conflict(`${month} is ${header.status} for billing`, [
    {
      field: 'body.occurredAt',
      message: `${month} is ${header.status === 'closed' ? 'closed' : 'being closed'}; ask the billing admin for an adjustment`,
    },
  ]);
};
