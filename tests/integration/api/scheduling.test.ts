import { describe, expect, it } from 'vitest';
import type { Booking, Slot } from '../../../functions/contracts/scheduling';
import { releaseSlots } from '../../../functions/services/scheduling-jobs';
import { invoke } from '../../support/api';
import { PCP_B } from '../../support/network';
import {
  ADMIN_B,
  CLINIC_A,
  CLINIC_B,
  NOW,
  admin,
  bcm,
  dayOf,
  ma,
  slotOf,
  useSchedulingApi,
  weekTemplates,
} from './scheduling-fixtures';

const suite = useSchedulingApi();

const book = (
  slot: Pick<Slot, 'slotId'>,
  overrides: Record<string, unknown> = {},
  sub = ma,
  clinicId = CLINIC_A,
) =>
  invoke('bookVisit', {
    sub,
    params: { clinicId },
    body: {
      slotId: slot.slotId,
      patientId: suite.patientA,
      visitType: 'follow-up',
      modality: 'in-person',
      ...overrides,
    },
  });

const onBooking = (
  routeId: 'cancelBooking' | 'rescheduleBooking' | 'recordAttendance' | 'joinVisit',
  bookingId: string,
  body?: unknown,
  sub = ma,
) => invoke(routeId, { sub, params: { clinicId: CLINIC_A, bookingId }, body });

const bookingOf = (reply: Awaited<ReturnType<typeof book>>) =>
  (reply.body as unknown as { booking: Booking }).booking;

describe('templates and generation', () => {
  it('generates the rolling horizon once: a second run creates nothing', async () => {
    const before = await dayOf(CLINIC_A, '2026-11-24');
    expect(before.map((s) => [s.localStart, s.kind, s.status])).toEqual([
      ['08:00', 'intake', 'open'],
      ['08:50', 'follow-up', 'open'],
      ['09:20', 'warm-handoff', 'held'],
      ['09:40', 'follow-up', 'open'],
      ['10:10', 'warm-handoff', 'held'],
      ['10:30', 'follow-up', 'open'],
      ['11:00', 'registry-review', 'blocked'],
    ]);
    // 08:00 in Denver (MST) is 15:00 UTC.
    expect(before[0]?.startsAt).toBe('2026-11-24T15:00:00.000Z');
    const { generateSlots } = await import('../../../functions/services/scheduling-jobs');
    const again = await generateSlots(suite.deps, suite.deps.clock.now());
    expect(again.created).toBe(0);
    expect(again.existing).toBeGreaterThan(0);
    expect(await dayOf(CLINIC_A, '2026-11-24')).toEqual(before);
  });

  it('refuses a template that puts the BCM in two clinics at once, in different zones', async () => {
    // 09:00 Chicago is 08:00 Denver, when the BCM's Clinic A morning starts.
    const reply = await invoke('saveScheduleTemplate', {
      sub: ADMIN_B,
      params: { clinicId: CLINIC_B },
      body: {
        providerId: bcm,
        weekday: 2,
        effectiveFrom: '2026-01-01',
        blocks: [{ kind: 'intake', start: '09:00', minutes: 50 }],
      },
    });
    expect(reply.status).toBe(409);
    expect(reply.body.error?.fields?.[0]?.field).toBe('body.blocks.0.start');
  });

  it('refuses overlapping blocks and non-providers with field errors', async () => {
    const overlapping = await invoke('saveScheduleTemplate', {
      sub: admin,
      params: { clinicId: CLINIC_A },
      body: {
        providerId: bcm,
        weekday: 6,
        effectiveFrom: '2026-01-01',
        blocks: [
          { kind: 'intake', start: '09:00', minutes: 50 },
          { kind: 'follow-up', start: '09:30', minutes: 30 },
        ],
      },
    });
    expect(overlapping.status).toBe(400);
    expect(overlapping.body.error?.fields?.map((f) => f.field)).toEqual(['body.blocks.1.start']);
    const notProvider = await invoke('saveScheduleTemplate', {
      sub: admin,
      params: { clinicId: CLINIC_A },
      body: { ...weekTemplates().a[0], providerId: ma, weekday: 6 },
    });
    expect(notProvider.status).toBe(400);
    expect(notProvider.body.error?.fields?.[0]?.field).toBe('body.providerId');
  });
});

describe('booking', () => {
  it('of 50 concurrent bookings of one slot through the route exactly one succeeds', async () => {
    const slot = await slotOf('follow-up', CLINIC_A, '2026-11-25');
    const replies = await Promise.all(Array.from({ length: 50 }, () => book(slot)));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    const others = replies.filter((r) => r.status !== 201);
    expect(new Set(others.map((r) => r.status))).toEqual(new Set([409]));
    const stored = await suite.deps.store.slots.get(CLINIC_A, slot.slotId);
    expect(stored?.status).toBe('booked');
    const won = replies.find((r) => r.status === 201);
    if (!won) throw new Error('no booking won');
    const winner = bookingOf(won);
    expect(stored?.booking?.bookingId).toBe(winner.bookingId);
  });

  it('books only patients of the clinic and only visits that fit the slot', async () => {
    const slot = await slotOf('follow-up', CLINIC_A, '2026-11-25', 1);
    expect((await book(slot, { patientId: suite.patientB })).status).toBe(404);
    const intake = await book(slot, { visitType: 'intake' });
    expect(intake.status).toBe(400);
    expect(intake.body.error?.fields?.[0]?.field).toBe('body.visitType');
    const held = await slotOf('warm-handoff', CLINIC_A, '2026-11-25');
    expect((await book(held)).status).toBe(409);
    expect((await suite.deps.store.slots.get(CLINIC_A, slot.slotId))?.status).toBe('open');
  });

  it('cancels and reschedules keeping the history, freeing the slots', async () => {
    const first = await slotOf('follow-up', CLINIC_A, '2026-11-25', 2);
    const booked = bookingOf(await book(first));
    const second = await slotOf('intake', CLINIC_A, '2026-11-25');
    const moved = await onBooking('rescheduleBooking', booked.bookingId, { slotId: second.slotId });
    expect(moved.status).toBe(200);
    const next = moved.body as unknown as Booking;
    expect(next).toMatchObject({ status: 'booked', rescheduledFrom: booked.bookingId });
    expect(next.history.map((h) => h.change)).toEqual(['booked', 'rescheduled']);
    const old = await suite.deps.store.scheduling.get(CLINIC_A, booked.bookingId);
    expect(old).toMatchObject({ status: 'rescheduled', rescheduledTo: next.bookingId });
    expect((await suite.deps.store.slots.get(CLINIC_A, first.slotId))?.status).toBe('open');

    const cancelled = await onBooking('cancelBooking', next.bookingId, { reason: 'patient asked' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'patient asked' });
    expect((await onBooking('cancelBooking', next.bookingId, {})).status).toBe(409);
    expect((await suite.deps.store.slots.get(CLINIC_A, second.slotId))?.status).toBe('open');
    // The freed slot can be booked again.
    expect((await book(second, { visitType: 'intake' })).status).toBe(201);

    const visits = await invoke('listPatientVisits', {
      sub: ma,
      params: { clinicId: CLINIC_A, patientId: suite.patientA },
    });
    const statuses = (visits.body.items as Booking[]).map((b) => b.status);
    expect(statuses).toEqual(expect.arrayContaining(['rescheduled', 'cancelled', 'booked']));
    const audit = await suite.deps.store.audit.listForPatient(CLINIC_A, suite.patientA, {
      limit: 100,
    });
    const actions = audit.items.map((e) => e.action);
    for (const action of [
      'booking.create',
      'booking.reschedule',
      'booking.cancel',
      'booking.list',
    ]) {
      expect(actions).toContain(action);
    }
  });

  it('warns at the session cap and requires a reason from the 12th session', async () => {
    const patientId = await suite.patient(CLINIC_A, 'Capped');
    const dates = ['2026-11-26', '2026-11-27', '2026-11-30', '2026-12-01'];
    const open: Slot[] = [];
    for (const date of dates) {
      open.push(
        ...(await dayOf(CLINIC_A, date)).filter(
          (s) => s.status === 'open' && (s.kind === 'follow-up' || s.kind === 'intake'),
        ),
      );
    }
    expect(open.length).toBeGreaterThanOrEqual(12);
    const results: { status: number; warning?: string; sessionNumber?: number }[] = [];
    for (const [i, slot] of open.slice(0, 11).entries()) {
      const reply = await book(slot, {
        patientId,
        visitType: i === 0 ? 'intake' : 'follow-up',
      });
      results.push({ status: reply.status, ...(reply.body as object) });
    }
    expect(results.map((r) => r.status)).toEqual(Array(11).fill(201));
    expect(results.map((r) => r.sessionNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(results.slice(0, 9).every((r) => r.warning === undefined)).toBe(true);
    expect(results[9]?.warning).toMatch(/cap is 10/);

    const twelfth = open[11];
    if (!twelfth) throw new Error('no 12th slot');
    const refused = await book(twelfth, { patientId });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.fields?.[0]?.field).toBe('body.capReason');
    const allowed = await book(twelfth, { patientId, capReason: 'Relapse after job loss' });
    expect(allowed.status).toBe(201);
    expect(allowed.body).toMatchObject({
      sessionNumber: 12,
      warning: expect.stringMatching(/reason/),
    });

    const count = await invoke('getSessionCount', {
      sub: ma,
      params: { clinicId: CLINIC_A, patientId },
    });
    expect(count.body).toMatchObject({ count: 12, cap: 10, reasonRequiredFrom: 12 });
  });
});

describe('views', () => {
  it("shows the BCM's day across both clinics, each in its own local time", async () => {
    const inA = await slotOf('intake', CLINIC_A, '2026-11-24');
    const inB = await slotOf('intake', CLINIC_B, '2026-11-24');
    expect((await book(inA, { visitType: 'intake' })).status).toBe(201);
    const inBReply = await book(
      inB,
      { visitType: 'intake', patientId: suite.patientB },
      PCP_B,
      CLINIC_B,
    );
    expect(inBReply.status, JSON.stringify(inBReply.body)).toBe(201);
    const reply = await invoke('getMySchedule', { sub: bcm, query: { date: '2026-11-24' } });
    expect(reply.status).toBe(200);
    const items = reply.body.items as (Slot & { clinicName: string })[];
    const booked = items.filter((s) => s.status === 'booked');
    expect(booked.map((s) => [s.clinicId, s.localStart, s.timeZone, s.startsAt])).toEqual([
      [CLINIC_A, '08:00', 'America/Denver', '2026-11-24T15:00:00.000Z'],
      [CLINIC_B, '13:00', 'America/Chicago', '2026-11-24T19:00:00.000Z'],
    ]);
    expect(booked[1]?.clinicName).toBe('Clinic clinic-b');
    // Sorted by UTC start: Denver morning, then Chicago afternoon.
    expect(items.map((s) => s.startsAt)).toEqual([...items.map((s) => s.startsAt)].sort());
  });

  it('offers the earliest open slots within 72 hours, never a held one', async () => {
    const reply = await invoke('findEarliestSlots', {
      sub: ma,
      params: { clinicId: CLINIC_A },
      query: { withinHours: '72', visitType: 'follow-up', limit: '5' },
    });
    expect(reply.status).toBe(200);
    const items = reply.body.items as Slot[];
    expect(items).toHaveLength(5);
    expect(items.every((s) => s.status === 'open' || s.status === 'released')).toBe(true);
    expect(items.every((s) => s.startsAt > NOW.toISOString())).toBe(true);
    expect(items.map((s) => s.startsAt)).toEqual([...items.map((s) => s.startsAt)].sort());
  });
});

describe('attendance, metrics and video visits', () => {
  it('records attendance and reports show / no-show rates per clinic and provider', async () => {
    const patientId = await suite.patient(CLINIC_A, 'Attends');
    const a = bookingOf(
      await book(await slotOf('follow-up', CLINIC_A, '2026-12-02', 0), { patientId }),
    );
    const b = bookingOf(
      await book(await slotOf('follow-up', CLINIC_A, '2026-12-02', 1), { patientId }),
    );
    const early = await onBooking('recordAttendance', a.bookingId, { attendance: 'arrived' });
    expect(early.status).toBe(400);
    suite.setNow(new Date('2026-12-02T18:00:00.000Z'));
    try {
      expect(
        (await onBooking('recordAttendance', a.bookingId, { attendance: 'arrived' })).status,
      ).toBe(200);
      expect(
        (await onBooking('recordAttendance', b.bookingId, { attendance: 'no-show' })).status,
      ).toBe(200);
      const metrics = await invoke('getScheduleMetrics', {
        sub: admin,
        params: { clinicId: CLINIC_A },
        query: { from: '2026-12-02', to: '2026-12-02' },
      });
      expect(metrics.status).toBe(200);
      expect(metrics.body.clinic).toMatchObject({
        arrived: 1,
        noShow: 1,
        showRate: 0.5,
        noShowRate: 0.5,
      });
      expect(metrics.body.providers).toEqual([
        expect.objectContaining({ providerId: bcm, arrived: 1 }),
      ]);
      const reversed = await invoke('getScheduleMetrics', {
        sub: admin,
        params: { clinicId: CLINIC_A },
        query: { from: '2026-12-03', to: '2026-12-02' },
      });
      expect(reversed.status).toBe(400);
      expect(reversed.body.error?.fields?.[0]?.field).toBe('query.from');
    } finally {
      suite.setNow(NOW);
    }
  });

  it('hands out a video visit link only around its start, one meeting per booking', async () => {
    const slot = await slotOf('follow-up', CLINIC_A, '2026-12-03');
    const video = bookingOf(await book(slot, { modality: 'video' }));
    expect((await onBooking('joinVisit', video.bookingId, undefined, bcm)).status).toBe(409);
    suite.setNow(new Date(new Date(slot.startsAt).getTime() - 10 * 60_000));
    try {
      const provider = await onBooking('joinVisit', video.bookingId, undefined, bcm);
      expect(provider.status, JSON.stringify(provider.body)).toBe(200);
      const desk = await onBooking('joinVisit', video.bookingId, undefined, ma);
      expect(desk.status).toBe(200);
      expect(desk.body.meetingId).toBe(provider.body.meetingId);
      expect(desk.body.attendeeId).not.toBe(provider.body.attendeeId);
      const stored = await suite.deps.store.scheduling.get(CLINIC_A, video.bookingId);
      expect(stored?.meetingId).toBe(provider.body.meetingId);
    } finally {
      suite.setNow(NOW);
    }
    const inPerson = bookingOf(await book(await slotOf('follow-up', CLINIC_A, '2026-12-03', 1)));
    expect((await onBooking('joinVisit', inPerson.bookingId, undefined, bcm)).status).toBe(409);
  });
});

describe('release of protected warm-handoff slots', () => {
  it('releases due slots once, with one audit event each, however often the job runs', async () => {
    // Monday 2026-11-23 09:00 in Denver: the 09:20 and 10:10 protected slots are within 2 hours.
    const first = await releaseSlots(suite.deps, NOW);
    const second = await releaseSlots(suite.deps, NOW);
    expect(first.released).toBe(2);
    expect(second.released).toBe(0);
    const today = await dayOf(CLINIC_A, '2026-11-23');
    expect(today.filter((s) => s.kind === 'warm-handoff').map((s) => s.status)).toEqual([
      'released',
      'released',
    ]);
    // Clinic B's afternoon (Chicago) is more than 2 hours away: still held.
    expect(first.held.some((s) => s.clinicId === CLINIC_B)).toBe(true);
    const audit = await suite.deps.store.audit.listForClinicDay(CLINIC_A, '2026-11-23', {
      limit: 100,
    });
    const releases = audit.items.filter((e) => e.action === 'slot.release');
    expect(releases).toHaveLength(2);
    expect(releases.every((e) => e.actorId === 'system:release-slots')).toBe(true);
  });
});
