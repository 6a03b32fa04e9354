/**
 * The CoCM worksheet of a clinic month (live while open, the snapshot once closed) and the
 * adjustments that correct a closed line. Close: billing-close.ts; claim CSV: billing-export.ts.
 */
import type { Adjustment, AdjustmentCreate, MonthClose, WorksheetView } from '../contracts/billing';
import type { ClinicId } from '../contracts/common';
import { adjustmentIssues, totalsOf } from '../domain/billing';
import { DomainError } from '../domain/errors';
import type { RequestContext } from '../ports/context';
import { auditEvent, authorizeFor } from './access';
import { closedView, computeWorksheet, requireClinic, worksheetTarget } from './billing-month';

export const getBillingWorksheet = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  month: string,
): Promise<WorksheetView> => {
  const target = worksheetTarget(month);
  await authorizeFor(ctx, 'billing.read', clinicId, target);
  const clinic = await requireClinic(ctx.deps, clinicId);
  const header = await ctx.deps.store.billing.getClose(clinicId, month);
  let view: WorksheetView;
  if (header?.status === 'closed') {
    view = await closedView(ctx.deps, header);
  } else {
    // While closing, the inputs are already frozen: the live sheet is what the close stores.
    const sheet = await computeWorksheet(ctx.deps, clinic, month, ctx.deps.clock.now());
    view = { ...sheet, status: header ? 'closing' : 'open', adjustments: [] };
  }
  await ctx.deps.store.audit.append(auditEvent(ctx, clinicId, 'billing.worksheet.read', target));
  return view;
};

export const createBillingAdjustment = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  month: string,
  body: AdjustmentCreate,
): Promise<Adjustment> => {
  const target = worksheetTarget(month);
  await authorizeFor(ctx, 'billing.close', clinicId, target);
  const { billing } = ctx.deps.store;
  const header = await billing.getClose(clinicId, month);
  if (header?.status !== 'closed') {
    throw DomainError.conflict(`${month} is not closed: change its activities instead`, [
      { field: 'path.month', message: 'adjustments apply to a closed month only' },
    ]);
  }
  const [lines, existing] = await Promise.all([
    billing.listLines(clinicId, month),
    billing.listAdjustments(clinicId, month),
  ]);
  const close: MonthClose = {
    clinicId,
    month,
    closedAt: header.closedAt,
    closedBy: header.closedBy,
    worksheet: {
      clinicId,
      month,
      timeZone: header.timeZone,
      facilityType: header.facilityType,
      generatedAt: header.closedAt,
      rateYear: header.rates.year,
      groups: [{ billingPractitionerId: null, lines, totals: totalsOf(lines, header.rates) }],
      totals: totalsOf(lines, header.rates),
    },
  };
  const issues = adjustmentIssues(close, existing, body);
  if (issues.length > 0)
    throw DomainError.validation('The adjustment does not fit the line', issues);
  const line = lines.find((candidate) => candidate.lineId === body.lineId);
  const adjustment: Adjustment = {
    ...body,
    adjustmentId: ctx.deps.ids.next(),
    clinicId,
    month,
    by: ctx.actorId,
    at: ctx.deps.clock.now().toISOString(),
  };
  await billing.addAdjustment(
    adjustment,
    auditEvent(ctx, clinicId, 'billing.adjustment.create', {
      ...target,
      ...(line ? { patientId: line.patientId } : {}),
    }),
  );
  return adjustment;
};
