/**
 * The role × own/other clinic walk for the booking routes, whose success needs state (an open
 * slot, a current booking, a video visit inside its join window). The generic walk in
 * authorization.test.ts skips them; here every case gets fresh state so an allowed role succeeds
 * and only the policy differs. "Other clinic" is clinic C, where no clinic A user is a member.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { routes, type RouteId } from '../../../functions/contracts/api';
import { Role } from '../../../functions/contracts/common';
import type { Booking, Slot } from '../../../functions/contracts/scheduling';
import { roleAllows, type Action } from '../../../functions/domain/access/policy';
import { addDays } from '../../../functions/domain/scheduling';
import { invoke } from '../../support/api';
import { NOW, userFor } from '../../support/network';
import { CLINIC_A, ma, morning, useSchedulingApi } from './scheduling-fixtures';

const suite = useSchedulingApi();

const stateDependentRoutes = {
  bookVisit: 'schedule.book',
  cancelBooking: 'schedule.book',
  rescheduleBooking: 'schedule.book',
  recordAttendance: 'schedule.book',
  joinVisit: 'schedule.join',
} as const satisfies Partial<Record<RouteId, Action>>;
type Dedicated = keyof typeof stateDependentRoutes;

const CLINIC_C = 'clinic-c';
const PCP_C = 'user-pcp-c';
const pool: Slot[] = [];
const other = { booking: '', slot: '', patient: '' };

const nextSlot = (): Slot => {
  const slot = pool.shift();
  if (!slot) throw new Error('slot pool exhausted');
  return slot;
};

const bookFresh = async (modality: 'in-person' | 'video' = 'in-person'): Promise<Booking> => {
  const slot = nextSlot();
  const reply = await invoke('bookVisit', {
    sub: ma,
    params: { clinicId: CLINIC_A },
    // A patient per booking keeps every patient far below the session cap.
    body: {
      slotId: slot.slotId,
      patientId: await suite.patient(),
      visitType: 'follow-up',
      modality,
    },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return (reply.body as unknown as { booking: Booking }).booking;
};

beforeAll(async () => {
  const { store } = suite.deps;
  for (let date = '2026-11-24'; date <= '2026-12-11'; date = addDays(date, 1)) {
    const day = await store.slots.listForClinicDay(CLINIC_A, date, { limit: 100 });
    pool.push(
      ...day.items.filter(
        (s) => s.status === 'open' && (s.kind === 'follow-up' || s.kind === 'intake'),
      ),
    );
  }
  const createdAt = NOW.toISOString();
  await store.clinics.put({
    clinicId: CLINIC_C,
    networkId: 'test-network',
    name: 'Clinic C',
    timeZone: 'America/Los_Angeles',
    integrationModel: 'collaborative-care',
    triageRuleVersion: 1,
    createdAt,
  });
  await store.users.put({ userId: PCP_C, displayName: 'C pcp', email: 'c@c.invalid', createdAt });
  await store.memberships.put({ userId: PCP_C, clinicId: CLINIC_C, role: 'pcp', createdAt });
  await store.templates.put({
    clinicId: CLINIC_C,
    providerId: PCP_C,
    weekday: 2,
    effectiveFrom: '2026-01-01',
    blocks: morning,
  });
  await suite.generate();
  other.patient = await suite.patient(CLINIC_C, 'Charlie');
  const cDay = await store.slots.listForClinicDay(CLINIC_C, '2026-11-24', { limit: 100 });
  const [first, second] = cDay.items.filter((s) => s.kind === 'follow-up');
  if (!first || !second) throw new Error('clinic C has no slots');
  other.slot = second.slotId;
  const booked = await invoke('bookVisit', {
    sub: PCP_C,
    params: { clinicId: CLINIC_C },
    body: {
      slotId: first.slotId,
      patientId: other.patient,
      visitType: 'follow-up',
      modality: 'video',
    },
  });
  expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  other.booking = (booked.body as unknown as { booking: Booking }).booking.bookingId;
});

/** The own-clinic call of each route, with the state it needs; `after` undoes clock moves. */
const ownCall = async (routeId: Dedicated, sub: string) => {
  switch (routeId) {
    case 'bookVisit': {
      const slot = nextSlot();
      return invoke(routeId, {
        sub,
        params: { clinicId: CLINIC_A },
        body: {
          slotId: slot.slotId,
          patientId: await suite.patient(),
          visitType: 'follow-up',
          modality: 'in-person',
        },
      });
    }
    case 'cancelBooking': {
      const b = await bookFresh();
      return invoke(routeId, {
        sub,
        params: { clinicId: CLINIC_A, bookingId: b.bookingId },
        body: {},
      });
    }
    case 'rescheduleBooking': {
      const b = await bookFresh();
      return invoke(routeId, {
        sub,
        params: { clinicId: CLINIC_A, bookingId: b.bookingId },
        body: { slotId: nextSlot().slotId },
      });
    }
    case 'recordAttendance': {
      const b = await bookFresh();
      suite.setNow(new Date(b.startsAt));
      try {
        return await invoke(routeId, {
          sub,
          params: { clinicId: CLINIC_A, bookingId: b.bookingId },
          body: { attendance: 'arrived' },
        });
      } finally {
        suite.setNow(NOW);
      }
    }
    case 'joinVisit': {
      const b = await bookFresh('video');
      suite.setNow(new Date(new Date(b.startsAt).getTime() - 5 * 60_000));
      try {
        return await invoke(routeId, {
          sub,
          params: { clinicId: CLINIC_A, bookingId: b.bookingId },
        });
      } finally {
        suite.setNow(NOW);
      }
    }
  }
};

const otherCall = (routeId: Dedicated, sub: string) =>
  invoke(routeId, {
    sub,
    params: { clinicId: CLINIC_C, bookingId: other.booking },
    body:
      routeId === 'bookVisit'
        ? {
            slotId: other.slot,
            patientId: other.patient,
            visitType: 'follow-up',
            modality: 'in-person',
          }
        : routeId === 'rescheduleBooking'
          ? { slotId: other.slot }
          : routeId === 'recordAttendance'
            ? { attendance: 'arrived' }
            : {},
  });

const cases = (Object.keys(stateDependentRoutes) as Dedicated[]).flatMap((routeId) =>
  Role.options.map((role) => ({ routeId, role })),
);

describe('booking routes × role × own/other clinic go through the policy', () => {
  it.each(cases)('$routeId as $role', async ({ routeId, role }) => {
    const action = stateDependentRoutes[routeId];
    const own = await ownCall(routeId, userFor(role));
    if (roleAllows(role, action)) {
      expect(own.status, JSON.stringify(own.body)).toBe(routes[routeId].successStatus);
    } else {
      expect(own.status).toBe(403);
      expect(own.body.error?.code).toBe('forbidden');
    }
    const elsewhere = await otherCall(routeId, userFor(role));
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.error?.code).toBe('not_found');
  });

  it("answers 404 for another clinic's booking id under the caller's own clinic", async () => {
    const reply = await invoke('cancelBooking', {
      sub: ma,
      params: { clinicId: CLINIC_A, bookingId: other.booking },
      body: {},
    });
    expect(reply.status).toBe(404);
  });

  it('lets only the provider and the front desk / PCP join a video visit', async () => {
    const b = await bookFresh('video');
    suite.setNow(new Date(new Date(b.startsAt).getTime() - 5 * 60_000));
    try {
      // A psychiatrist may read the schedule but is neither this visit's provider nor front desk.
      const psychiatrist = await invoke('joinVisit', {
        sub: userFor('psychiatrist'),
        params: { clinicId: CLINIC_A, bookingId: b.bookingId },
      });
      expect(psychiatrist.status).toBe(403);
    } finally {
      suite.setNow(NOW);
    }
  });
});
