import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultSchedulingSettings,
  type ScheduleTemplate,
  type SlotBooking,
} from '../../../functions/contracts/scheduling';
import { createSlotRepository } from '../../../functions/adapters/dynamodb/slot-repository';
import { defaultTemplateBlocks, expandTemplates } from '../../../functions/domain/scheduling/index';
import type { SlotRepository } from '../../../functions/ports/scheduling';
import { freshTable, type FreshTable } from '../../support/dynamodb';
import { domainError, expectInvalidCursor, walk } from './fixtures';

let t: FreshTable;
let slots: SlotRepository;
beforeAll(async () => {
  t = await freshTable();
  slots = createSlotRepository({ tableName: t.tableName, client: t.client });
});
afterAll(() => t.drop());

const blocks = defaultTemplateBlocks(defaultSchedulingSettings());
const weekdays = (clinicId: string, providerId: string): ScheduleTemplate[] =>
  [1, 2, 3, 4, 5].map((weekday) => ({
    clinicId,
    providerId,
    weekday,
    blocks,
    effectiveFrom: '2025-01-01',
  }));

const booking = (patientId: string, purpose: SlotBooking['purpose'] = 'routine'): SlotBooking => ({
  patientId,
  purpose,
  bookedBy: 'ma-1',
  bookedAt: '2025-03-01T12:00:00.000Z',
});

describe('slots', () => {
  it('generates a horizon idempotently and lists it per clinic day and per provider day', async () => {
    const generated = expandTemplates(weekdays('gen-clinic', 'bcm-gen'), {
      from: '2025-03-03',
      days: 7,
      timeZone: 'America/Denver',
    });
    expect(generated).toHaveLength(5 * blocks.length);
    expect(await slots.putGenerated(generated)).toEqual({ created: generated.length, existing: 0 });

    // Book one, then generate again: nothing new, and the booking is left alone.
    const first = generated[0];
    if (!first) throw new Error('no slot');
    await slots.book('gen-clinic', first.slotId, booking('p-1'));
    expect(await slots.putGenerated(generated)).toEqual({ created: 0, existing: generated.length });
    expect((await slots.get('gen-clinic', first.slotId))?.status).toBe('booked');

    const { items: day } = await walk(
      (page) => slots.listForClinicDay('gen-clinic', '2025-03-03', page),
      5,
    );
    expect(day.map((s) => s.slotId)).toEqual(
      generated.filter((s) => s.localDate === '2025-03-03').map((s) => s.slotId),
    );
    expect(day.map((s) => s.startsAt)).toEqual([...day.map((s) => s.startsAt)].sort());
    expect(await slots.listForClinicDay('gen-clinic', '2025-03-08', { limit: 10 })).toEqual({
      items: [],
    });
    const mine = await slots.listForProviderDay('bcm-gen', '2025-03-04', { limit: 100 });
    expect(mine.items).toHaveLength(blocks.length);

    const page = await slots.listForClinicDay('gen-clinic', '2025-03-03', { limit: 2 });
    if (!page.nextCursor) throw new Error('expected a cursor');
    await expectInvalidCursor(
      slots.listForClinicDay('gen-clinic', '2025-03-04', { limit: 2, cursor: page.nextCursor }),
    );
  });

  it('of 50 concurrent bookings of one slot exactly one succeeds', async () => {
    const [slot] = expandTemplates(weekdays('race-clinic', 'bcm-race'), {
      from: '2025-03-04',
      days: 1,
      timeZone: 'America/Chicago',
    });
    if (!slot) throw new Error('no slot');
    await slots.putGenerated([slot]);

    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        slots.book('race-clinic', slot.slotId, booking(`p-${i}`)),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const lost of results.filter((r) => r.status === 'rejected')) {
      expect(lost.reason).toMatchObject({ name: 'DomainError', kind: 'conflict' });
    }
    const stored = await slots.get('race-clinic', slot.slotId);
    expect(stored?.status).toBe('booked');
    expect(stored?.booking).toEqual(won[0]?.status === 'fulfilled' && won[0].value.booking);
  });

  it('refuses to book one provider in two clinics at overlapping times, in any zone', async () => {
    // 09:00 Denver (MST) = 10:00 Chicago (CST) on 2025-03-04.
    const denver = expandTemplates(
      [
        {
          clinicId: 'two-denver',
          providerId: 'bcm-two',
          weekday: 2,
          effectiveFrom: '2025-01-01',
          blocks: [{ kind: 'intake', start: '09:00', minutes: 50 }],
        },
      ],
      { from: '2025-03-04', days: 1, timeZone: 'America/Denver' },
    );
    const chicago = expandTemplates(
      [
        {
          clinicId: 'two-chicago',
          providerId: 'bcm-two',
          weekday: 2,
          effectiveFrom: '2025-01-01',
          blocks: [
            { kind: 'follow-up', start: '10:30', minutes: 30 },
            { kind: 'follow-up', start: '11:00', minutes: 30 },
          ],
        },
      ],
      { from: '2025-03-04', days: 1, timeZone: 'America/Chicago' },
    );
    const [inDenver] = denver;
    const [overlapping, after] = chicago;
    if (!inDenver || !overlapping || !after) throw new Error('no slots');
    await slots.putGenerated([...denver, ...chicago]);

    await slots.book('two-denver', inDenver.slotId, booking('p-a'));
    const error = await domainError(slots.book('two-chicago', overlapping.slotId, booking('p-b')));
    expect(error.kind).toBe('conflict');
    expect(error.message).toBe('The provider is already booked at an overlapping time');
    expect((await slots.get('two-chicago', overlapping.slotId))?.status).toBe('open');
    // 11:00 Chicago starts as the Denver intake (09:00-09:50 MST) has ended.
    expect((await slots.book('two-chicago', after.slotId, booking('p-c'))).status).toBe('booked');

    const day = await slots.listForProviderDay('bcm-two', '2025-03-04', { limit: 10 });
    expect(day.items.map((s) => [s.clinicId, s.localStart, s.status])).toEqual([
      ['two-denver', '09:00', 'booked'],
      ['two-chicago', '10:30', 'open'],
      ['two-chicago', '11:00', 'booked'],
    ]);
  });

  it('protects warm-handoff slots until released; releasing twice releases once', async () => {
    const generated = expandTemplates(weekdays('wh-clinic', 'bcm-wh'), {
      from: '2025-03-05',
      days: 1,
      timeZone: 'America/Denver',
    });
    await slots.putGenerated(generated);
    const [protectedSlot, other] = generated.filter((s) => s.kind === 'warm-handoff');
    const registry = generated.find((s) => s.kind === 'registry-review');
    if (!protectedSlot || !other || !registry) throw new Error('no slots');

    expect(
      (await domainError(slots.book('wh-clinic', protectedSlot.slotId, booking('p-1')))).kind,
    ).toBe('conflict');
    expect((await domainError(slots.book('wh-clinic', registry.slotId, booking('p-1')))).kind).toBe(
      'conflict',
    );

    const now = new Date('2025-03-05T14:00:00.000Z');
    const runs = await Promise.all([
      slots.releaseWarmHandoff('wh-clinic', protectedSlot.slotId, now),
      slots.releaseWarmHandoff('wh-clinic', protectedSlot.slotId, now),
    ]);
    expect(runs.map((r) => r.outcome).sort()).toEqual(['already-released', 'released']);
    const again = await slots.releaseWarmHandoff('wh-clinic', protectedSlot.slotId, new Date());
    expect(again).toMatchObject({
      outcome: 'already-released',
      slot: { status: 'released', releasedAt: '2025-03-05T14:00:00.000Z' },
    });
    expect((await slots.book('wh-clinic', protectedSlot.slotId, booking('p-2'))).status).toBe(
      'booked',
    );

    // A warm handoff may take a held slot; releasing it afterwards reports it booked.
    await slots.book('wh-clinic', other.slotId, booking('p-3', 'warm-handoff'));
    expect((await slots.releaseWarmHandoff('wh-clinic', other.slotId, now)).outcome).toBe('booked');
    expect(
      (await domainError(slots.releaseWarmHandoff('wh-clinic', registry.slotId, now))).kind,
    ).toBe('conflict');
  });

  it('answers not found for an unknown slot or another clinic’s slot', async () => {
    const [slot] = expandTemplates(weekdays('nf-clinic', 'bcm-nf'), {
      from: '2025-03-03',
      days: 1,
      timeZone: 'America/Denver',
    });
    if (!slot) throw new Error('no slot');
    await slots.putGenerated([slot]);
    expect((await domainError(slots.book('other-clinic', slot.slotId, booking('p')))).kind).toBe(
      'not_found',
    );
    expect(
      (await domainError(slots.releaseWarmHandoff('other-clinic', slot.slotId, new Date()))).kind,
    ).toBe('not_found');
    expect(await slots.get('other-clinic', slot.slotId)).toBeUndefined();
  });
});
