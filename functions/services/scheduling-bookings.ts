/**
 * Booking a visit on a slot, moving and cancelling it (history kept), attendance, the session
 * count per episode and joining a video visit. Every PHI write commits with its audit event.
 */
import type { ClinicId } from '../contracts/common';
import type { CallJoin } from '../contracts/handoff';
import type {
  Attendance,
  Booking,
  BookingCreate,
  BookingEvent,
  BookingResult,
  SessionCount,
  Slot,
} from '../contracts/scheduling';
import { DomainError } from '../domain/errors';
import { countSessions, EPISODE_BASIS, sessionDecision } from '../domain/scheduling';
import type { RequestContext } from '../ports/context';
import { auditEvent, authorizeFor } from './access';
import { requirePatient } from './patients';
import { fitsVisit } from './scheduling';

const requireSlot = async (ctx: RequestContext, clinicId: ClinicId, slotId: string) => {
  const slot = await ctx.deps.store.slots.get(clinicId, slotId);
  if (!slot) throw DomainError.notFound('Slot');
  return slot;
};

const requireBooking = async (ctx: RequestContext, clinicId: ClinicId, bookingId: string) => {
  const booking = await ctx.deps.store.scheduling.get(clinicId, bookingId);
  if (!booking) throw DomainError.notFound('Booking');
  return booking;
};

const requireCurrent = (booking: Booking) => {
  if (booking.status !== 'booked') {
    throw DomainError.conflict(`This booking was ${booking.status}; only a current one can change`);
  }
};

/** A slot that has started cannot be booked any more; fit is checked per visit type. */
const checkSlotFor = (slot: Slot, visitType: Booking['visitType'], now: Date) => {
  if (!fitsVisit(slot, visitType)) {
    throw DomainError.validation('This slot does not fit the visit', [
      { field: 'body.visitType', message: `a ${slot.kind} slot cannot hold an ${visitType} visit` },
    ]);
  }
  if (new Date(slot.startsAt) <= now) {
    throw DomainError.validation('This slot has already started', [
      { field: 'body.slotId', message: 'starts in the past' },
    ]);
  }
};

const event = (
  ctx: RequestContext,
  change: BookingEvent['change'],
  detail?: string,
): BookingEvent => ({
  at: ctx.deps.clock.now().toISOString(),
  by: ctx.actorId,
  change,
  ...(detail === undefined ? {} : { detail }),
});

const sessionCountOf = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  patientId: string,
): Promise<SessionCount> => {
  const [bookings, settings] = await Promise.all([
    ctx.deps.store.scheduling.allForPatient(clinicId, patientId),
    ctx.deps.store.templates.getSettings(clinicId),
  ]);
  const { count, since } = countSessions(bookings);
  return {
    count,
    since,
    cap: settings.sessionCap,
    reasonRequiredFrom: settings.sessionReasonFrom,
    basis: EPISODE_BASIS,
  };
};

export const getSessionCount = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  patientId: string,
): Promise<SessionCount> => {
  const target = { resourceType: 'booking', patientId } as const;
  await authorizeFor(ctx, 'schedule.read', clinicId, target);
  await requirePatient(ctx, clinicId, patientId);
  const count = await sessionCountOf(ctx, clinicId, patientId);
  await ctx.deps.store.audit.append(auditEvent(ctx, clinicId, 'booking.sessions', target));
  return count;
};

/**
 * Books a patient of this clinic on a slot. The n-th session of the episode from the clinic's cap
 * on carries a warning; from sessionReasonFrom on it needs a reason (400 on body.capReason).
 */
export const bookVisit = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  input: BookingCreate,
): Promise<BookingResult> => {
  await authorizeFor(ctx, 'schedule.book', clinicId, {
    resourceType: 'booking',
    patientId: input.patientId,
  });
  const { deps } = ctx;
  const [patient, slot, sessions, settings] = await Promise.all([
    requirePatient(ctx, clinicId, input.patientId),
    requireSlot(ctx, clinicId, input.slotId),
    sessionCountOf(ctx, clinicId, input.patientId),
    deps.store.templates.getSettings(clinicId),
  ]);
  const now = deps.clock.now();
  checkSlotFor(slot, input.visitType, now);
  const sessionNumber = sessions.count + 1;
  const decision = sessionDecision(sessionNumber, settings);
  if (decision.reasonRequired && input.capReason === undefined) {
    throw DomainError.validation('A reason is required for this many sessions', [
      {
        field: 'body.capReason',
        message: `session ${sessionNumber} of this episode needs a reason (from ${settings.sessionReasonFrom})`,
      },
    ]);
  }
  const booking: Booking = {
    bookingId: deps.ids.next(),
    clinicId,
    patientId: patient.patientId,
    patientName: `${patient.familyName}, ${patient.givenName}`,
    slotId: slot.slotId,
    providerId: slot.providerId,
    kind: slot.kind,
    visitType: input.visitType,
    modality: input.modality,
    purpose: input.purpose,
    timeZone: slot.timeZone,
    localDate: slot.localDate,
    localStart: slot.localStart,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    status: 'booked',
    sessionNumber,
    ...(input.capReason === undefined ? {} : { capReason: input.capReason }),
    createdAt: now.toISOString(),
    createdBy: ctx.actorId,
    version: 1,
    history: [event(ctx, 'booked', slot.slotId)],
  };
  const audit = auditEvent(ctx, clinicId, 'booking.create', {
    resourceType: 'booking',
    resourceId: booking.bookingId,
    patientId: booking.patientId,
  });
  await deps.store.scheduling.book(booking, slot, audit);
  return {
    booking,
    sessionNumber,
    ...(decision.warning === undefined ? {} : { warning: decision.warning }),
  };
};

export const cancelBooking = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  bookingId: string,
  input: { reason?: string | undefined },
): Promise<Booking> => {
  await authorizeFor(ctx, 'schedule.book', clinicId, {
    resourceType: 'booking',
    resourceId: bookingId,
  });
  const booking = await requireBooking(ctx, clinicId, bookingId);
  requireCurrent(booking);
  const slot = await requireSlot(ctx, clinicId, booking.slotId);
  const updated: Booking = {
    ...booking,
    status: 'cancelled',
    ...(input.reason === undefined ? {} : { cancelReason: input.reason }),
    version: booking.version + 1,
    history: [...booking.history, event(ctx, 'cancelled')],
  };
  const audit = auditEvent(ctx, clinicId, 'booking.cancel', {
    resourceType: 'booking',
    resourceId: bookingId,
    patientId: booking.patientId,
  });
  return ctx.deps.store.scheduling.cancel(updated, slot, audit);
};

/**
 * Moves a visit to another slot: the new booking is created and the old one kept as
 * "rescheduled" (pointing at the new one) in the same transaction that frees its slot.
 */
export const rescheduleBooking = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  bookingId: string,
  input: { slotId: string },
): Promise<Booking> => {
  await authorizeFor(ctx, 'schedule.book', clinicId, {
    resourceType: 'booking',
    resourceId: bookingId,
  });
  const booking = await requireBooking(ctx, clinicId, bookingId);
  requireCurrent(booking);
  if (input.slotId === booking.slotId) {
    throw DomainError.validation('The visit is already in this slot', [
      { field: 'body.slotId', message: 'is the current slot' },
    ]);
  }
  const [oldSlot, nextSlot] = await Promise.all([
    requireSlot(ctx, clinicId, booking.slotId),
    requireSlot(ctx, clinicId, input.slotId),
  ]);
  const now = ctx.deps.clock.now();
  checkSlotFor(nextSlot, booking.visitType, now);
  const nextId = ctx.deps.ids.next();
  const moved = event(ctx, 'rescheduled', `${booking.slotId} -> ${nextSlot.slotId}`);
  const {
    attendance: _attendance,
    meetingId: _meeting,
    rescheduledTo: _to,
    cancelReason: _reason,
    ...carried
  } = booking;
  const next: Booking = {
    ...carried,
    bookingId: nextId,
    slotId: nextSlot.slotId,
    providerId: nextSlot.providerId,
    kind: nextSlot.kind,
    timeZone: nextSlot.timeZone,
    localDate: nextSlot.localDate,
    localStart: nextSlot.localStart,
    startsAt: nextSlot.startsAt,
    endsAt: nextSlot.endsAt,
    status: 'booked',
    rescheduledFrom: booking.bookingId,
    createdAt: now.toISOString(),
    createdBy: ctx.actorId,
    version: 1,
    history: [...booking.history, moved],
  };
  const previous: Booking = {
    ...booking,
    status: 'rescheduled',
    rescheduledTo: nextId,
    version: booking.version + 1,
    history: [...booking.history, moved],
  };
  const audit = auditEvent(ctx, clinicId, 'booking.reschedule', {
    resourceType: 'booking',
    resourceId: nextId,
    patientId: booking.patientId,
  });
  return ctx.deps.store.scheduling.reschedule(previous, oldSlot, next, nextSlot, audit);
};

/** Attendance can be recorded from an hour before the start (an early arrival) onwards. */
const ATTENDANCE_OPENS_MS = 60 * 60 * 1000;

export const recordAttendance = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  bookingId: string,
  input: { attendance: Attendance },
): Promise<Booking> => {
  await authorizeFor(ctx, 'schedule.book', clinicId, {
    resourceType: 'booking',
    resourceId: bookingId,
  });
  const booking = await requireBooking(ctx, clinicId, bookingId);
  requireCurrent(booking);
  const now = ctx.deps.clock.now();
  if (now.getTime() < new Date(booking.startsAt).getTime() - ATTENDANCE_OPENS_MS) {
    throw DomainError.validation('Attendance is recorded on the day of the visit', [
      { field: 'body.attendance', message: 'can be recorded from an hour before the visit' },
    ]);
  }
  const updated: Booking = {
    ...booking,
    attendance: input.attendance,
    version: booking.version + 1,
    history: [...booking.history, event(ctx, 'attendance', input.attendance)],
  };
  const audit = auditEvent(ctx, clinicId, 'booking.attendance', {
    resourceType: 'booking',
    resourceId: bookingId,
    patientId: booking.patientId,
  });
  return ctx.deps.store.scheduling.update(updated, audit);
};

/**
 * Keeps who joined under which attendee id on the booking: the local video's signal relay passes
 * messages only between a visit's recorded attendees. Two people joining at once: re-read, retry.
 */
const recordAttendee = async (ctx: RequestContext, booking: Booking, attendeeId: string) => {
  let current = booking;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const attendees = current.attendees ?? [];
    if (attendees.some((a) => a.userId === ctx.actorId && a.attendeeId === attendeeId)) return;
    try {
      await ctx.deps.store.scheduling.update(
        {
          ...current,
          attendees: [
            ...attendees.filter((a) => a.userId !== ctx.actorId),
            { userId: ctx.actorId, attendeeId },
          ],
          version: current.version + 1,
        },
        undefined,
      );
      return;
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'conflict') throw error;
      current = await requireBooking(ctx, booking.clinicId, booking.bookingId);
    }
  }
  throw DomainError.conflict('The visit changed while joining: try again');
};

/**
 * Join credentials for a video visit, handed out from joinWindowMinutes before the start until
 * its end. The meeting is created on the first join (request token from the booking id, so two
 * first joins get one meeting); the provider and the clinic's front desk / PCP (on the patient's
 * side of the screen) may join.
 */
export const joinVisit = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  bookingId: string,
): Promise<CallJoin> => {
  const { role } = await authorizeFor(ctx, 'schedule.join', clinicId, {
    resourceType: 'booking',
    resourceId: bookingId,
  });
  const { deps } = ctx;
  let booking = await requireBooking(ctx, clinicId, bookingId);
  requireCurrent(booking);
  if (booking.modality !== 'video') {
    throw DomainError.conflict('This is an in-person visit');
  }
  if (ctx.actorId !== booking.providerId && role !== 'pcp' && role !== 'ma') {
    throw DomainError.forbidden('Only the visit’s provider and the clinic’s staff join this call');
  }
  const settings = await deps.store.templates.getSettings(clinicId);
  const now = deps.clock.now().getTime();
  const opens = new Date(booking.startsAt).getTime() - settings.joinWindowMinutes * 60_000;
  if (now < opens || now > new Date(booking.endsAt).getTime()) {
    throw DomainError.conflict(
      `The video visit opens ${settings.joinWindowMinutes} minutes before it starts and closes at its end`,
    );
  }
  if (booking.meetingId === undefined) {
    const created = await deps.meetings.createMeeting({
      requestToken: `visit-${bookingId}`,
      externalMeetingId: bookingId,
      mediaRegion: settings.mediaRegion,
      attendees: [{ externalUserId: booking.providerId }],
    });
    const updated: Booking = {
      ...booking,
      meetingId: created.meetingId,
      version: booking.version + 1,
      history: [...booking.history, event(ctx, 'meeting')],
    };
    try {
      booking = await deps.store.scheduling.update(updated, undefined);
    } catch {
      // Another participant's first join stored it: the request token made it the same meeting.
      booking = await requireBooking(ctx, clinicId, bookingId);
    }
  }
  const meetingId = booking.meetingId;
  if (meetingId === undefined) throw new Error('Video visit has no meeting');
  const { attendeeId } = await deps.meetings.addAttendee(meetingId, ctx.actorId);
  await recordAttendee(ctx, booking, attendeeId);
  await deps.store.audit.append(
    auditEvent(ctx, clinicId, 'booking.join', {
      resourceType: 'booking',
      resourceId: bookingId,
      patientId: booking.patientId,
    }),
  );
  return deps.meetings.joinFor(meetingId, attendeeId);
};

export const listPatientVisits = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  patientId: string,
  page: { limit: number; cursor?: string | undefined },
) => {
  const target = { resourceType: 'booking', patientId } as const;
  await authorizeFor(ctx, 'schedule.read', clinicId, target);
  await requirePatient(ctx, clinicId, patientId);
  // Visits that started within the last hour still count as upcoming (the patient may be here).
  const from = new Date(ctx.deps.clock.now().getTime() - ATTENDANCE_OPENS_MS).toISOString();
  const found = await ctx.deps.store.scheduling.listForPatient(clinicId, patientId, from, {
    limit: page.limit,
    ...(page.cursor === undefined ? {} : { cursor: page.cursor }),
  });
  await ctx.deps.store.audit.append(auditEvent(ctx, clinicId, 'booking.list', target));
  return found;
};
