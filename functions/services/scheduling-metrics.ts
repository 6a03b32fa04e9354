/** Show and no-show rates per clinic and provider (counts only: no patient is named). */
import type { ClinicId } from '../contracts/common';
import type { Booking, ScheduleMetrics } from '../contracts/scheduling';
import { DomainError } from '../domain/errors';
import { addDays, localToUtc } from '../domain/scheduling';
import type { RequestContext } from '../ports/context';
import { authorizeFor } from './access';
import { clinicDate } from '../domain/calendar';
import { requireClinic } from './scheduling';

const MAX_RANGE_DAYS = 92;

type Rates = Omit<ScheduleMetrics['clinic'], never>;

export const attendanceRates = (bookings: Booking[], now: Date): Rates => {
  const current = bookings.filter((b) => b.status === 'booked');
  const count = (a: Booking['attendance']) => current.filter((b) => b.attendance === a).length;
  const arrived = count('arrived');
  const noShow = count('no-show');
  const cancelledLate = count('cancelled-late');
  const recorded = arrived + noShow + cancelledLate;
  const rate = (n: number) => (recorded === 0 ? null : Math.round((n / recorded) * 1000) / 1000);
  return {
    booked: current.length,
    arrived,
    noShow,
    cancelledLate,
    unrecorded: current.filter((b) => b.attendance === undefined && new Date(b.endsAt) < now)
      .length,
    showRate: rate(arrived),
    noShowRate: rate(noShow),
  };
};

export const getScheduleMetrics = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  query: { from?: string | undefined; to?: string | undefined },
): Promise<ScheduleMetrics> => {
  await authorizeFor(ctx, 'schedule.metrics', clinicId, { resourceType: 'clinic' });
  const clinic = await requireClinic(ctx.deps, clinicId);
  const now = ctx.deps.clock.now();
  const to = query.to ?? clinicDate(now, clinic.timeZone);
  const from = query.from ?? addDays(to, -29);
  if (from > to) {
    throw DomainError.validation('The range is reversed', [
      { field: 'query.from', message: 'must not be after query.to' },
    ]);
  }
  if (addDays(from, MAX_RANGE_DAYS) <= to) {
    throw DomainError.validation('The range is too long', [
      { field: 'query.to', message: `must be within ${MAX_RANGE_DAYS} days of query.from` },
    ]);
  }
  const bookings = await ctx.deps.store.scheduling.listForClinicRange(
    clinicId,
    localToUtc(from, '00:00', clinic.timeZone).toISOString(),
    localToUtc(addDays(to, 1), '00:00', clinic.timeZone).toISOString(),
  );
  const providerIds = [...new Set(bookings.map((b) => b.providerId))].sort();
  return {
    clinicId,
    from,
    to,
    clinic: attendanceRates(bookings, now),
    providers: providerIds.map((providerId) => ({
      providerId,
      ...attendanceRates(
        bookings.filter((b) => b.providerId === providerId),
        now,
      ),
    })),
  };
};
