/**
 * Bookings (DESIGN.md flow 5). Each change is one TransactWriteItems over the slot, the provider's
 * 5-minute busy guards, the booking item and the audit event: of concurrent bookings of one slot
 * exactly one commits, a provider is never in two places, and nothing is written unaudited.
 */
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Booking, Slot, SlotBooking } from '../../contracts/scheduling';
import { DomainError } from '../../domain/errors';
import { busyTicks } from '../../domain/scheduling/overlaps';
import { bookableStatuses } from '../../domain/scheduling/release';
import type { AuditEvent } from '../../domain/model';
import type { BookingRepository } from '../../ports/scheduling';
import { auditPut } from './audit-log';
import { decodeCursor, encodeCursor, keyOf } from './cursor';
import { itemIsNew, providerBusyKeys, slotKeys } from './keys';
import { toAttributes } from './items';
import { bookingKeys, parseScheduling, toScheduling } from './scheduling-items';
import type { StoredItem, Table } from './table';
import {
  cancellationReasons,
  conditionFailed,
  transactionConflict,
  type CancellationReason,
} from './transactions';

const MeetingLink = z.object({ clinicId: z.string(), bookingId: z.string() });

type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

const CONFLICT_RETRIES = 4;
const MAX_PATIENT_BOOKINGS = 500;
const MAX_RANGE_BOOKINGS = 5000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const parseBooking = (item: StoredItem) => parseScheduling('booking', item);

const slotUnavailable = () =>
  DomainError.conflict('This slot is no longer available', [
    { field: 'body.slotId', message: 'is not open for this booking' },
  ]);
const providerBusy = () =>
  DomainError.conflict('The provider is already booked at an overlapping time', [
    { field: 'body.slotId', message: 'overlaps another booking of this provider' },
  ]);
const staleBooking = () =>
  DomainError.conflict('The booking changed meanwhile: reload it and try again');

/** What the slot keeps of its booking: enough for the day views to render without a second read. */
export const slotBookingOf = (b: Booking): SlotBooking => ({
  patientId: b.patientId,
  purpose: b.purpose,
  bookedBy: b.createdBy,
  bookedAt: b.createdAt,
  bookingId: b.bookingId,
  visitType: b.visitType,
  modality: b.modality,
  patientName: b.patientName,
  ...(b.attendance === undefined ? {} : { attendance: b.attendance }),
});

/** The status a slot returns to when its booking goes: the one it would have had unbooked. */
export const freedStatus = (slot: Slot): Slot['status'] => {
  if (slot.kind === 'warm-handoff') return slot.releasedAt === undefined ? 'held' : 'released';
  if (slot.kind === 'intake' || slot.kind === 'follow-up') return 'open';
  return 'blocked';
};

export const createBookingRepository = (table: Table): BookingRepository => {
  const T = table.tableName;

  const transact = async (
    items: TransactItem[],
    explain: (reasons: CancellationReason[]) => DomainError | undefined,
  ) => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await table.client.send(new TransactWriteCommand({ TransactItems: items }));
        return;
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (reasons === undefined) throw error;
        const domain = explain(reasons);
        if (domain !== undefined) throw domain;
        if (!transactionConflict(reasons)) throw error;
        if (attempt >= CONFLICT_RETRIES) {
          throw DomainError.conflict(
            'Another change to this slot happened at the same time: try again',
          );
        }
        await pause(10 + Math.random() * 40 * (attempt + 1));
      }
    }
  };

  const bookingPut = (b: Booking, condition: 'new' | number): TransactItem => ({
    Put: {
      TableName: T,
      Item: {
        ...toScheduling('booking', b),
        ...bookingKeys.item(b.clinicId, b.bookingId),
        ...bookingKeys.indexes(b),
      },
      ...(condition === 'new'
        ? { ConditionExpression: itemIsNew }
        : {
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': condition },
          }),
    },
  });

  const takeSlot = (slot: Slot, b: Booking): TransactItem => {
    const allowed = bookableStatuses(b.purpose);
    const statusValues = Object.fromEntries(allowed.map((status, i) => [`:s${i}`, status]));
    return {
      Update: {
        TableName: T,
        Key: slotKeys.item(slot.clinicId, slot.slotId),
        UpdateExpression: 'SET #status = :booked, #booking = :booking',
        ConditionExpression: `attribute_exists(#pk) AND #status IN (${Object.keys(statusValues).join(', ')})`,
        ExpressionAttributeNames: { '#pk': 'pk', '#status': 'status', '#booking': 'booking' },
        ExpressionAttributeValues: {
          ...statusValues,
          ':booked': 'booked',
          ':booking': toAttributes('slot', { ...slot, booking: slotBookingOf(b) }).booking,
        },
      },
    };
  };

  const freeSlot = (slot: Slot, bookingId: string): TransactItem => ({
    Update: {
      TableName: T,
      Key: slotKeys.item(slot.clinicId, slot.slotId),
      UpdateExpression: 'SET #status = :freed REMOVE #booking',
      ConditionExpression: '#booking.#bid = :bid',
      ExpressionAttributeNames: { '#status': 'status', '#booking': 'booking', '#bid': 'bookingId' },
      ExpressionAttributeValues: { ':freed': freedStatus(slot), ':bid': bookingId },
    },
  });

  const putTick = (slot: Slot, tick: string, heldBy?: string): TransactItem => ({
    Put: {
      TableName: T,
      Item: {
        ...toAttributes('provider-busy', {
          clinicId: slot.clinicId,
          providerId: slot.providerId,
          slotId: slot.slotId,
          tick,
        }),
        ...providerBusyKeys.item(slot.providerId, tick),
      },
      // A tick the rescheduled booking already holds moves to the new slot; any other must be free.
      ...(heldBy === undefined
        ? { ConditionExpression: itemIsNew }
        : {
            ConditionExpression: '#slotId = :held',
            ExpressionAttributeNames: { '#slotId': 'slotId' },
            ExpressionAttributeValues: { ':held': heldBy },
          }),
    },
  });

  const deleteTick = (slot: Slot, tick: string): TransactItem => ({
    Delete: {
      TableName: T,
      Key: providerBusyKeys.item(slot.providerId, tick),
      ConditionExpression: '#slotId = :sid',
      ExpressionAttributeNames: { '#slotId': 'slotId' },
      ExpressionAttributeValues: { ':sid': slot.slotId },
    },
  });

  const auditItem = (audit: AuditEvent): TransactItem => ({ Put: auditPut(table, audit) });

  const queryAllItems = async (input: {
    IndexName: string;
    KeyConditionExpression: string;
    ExpressionAttributeValues: Record<string, string>;
    max: number;
  }) => {
    const { max, ...query } = input;
    const items: StoredItem[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await table.client.send(
        new QueryCommand({ ...query, TableName: T, ExclusiveStartKey: start }),
      );
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start !== undefined && items.length < max);
    return items.slice(0, max).map(parseBooking);
  };

  return {
    async book(booking, slot, audit) {
      const ticks = busyTicks(slot);
      await transact(
        [
          takeSlot(slot, booking),
          ...ticks.map((tick) => putTick(slot, tick)),
          bookingPut(booking, 'new'),
          auditItem(audit),
        ],
        (reasons) => {
          if (conditionFailed(reasons[0])) return slotUnavailable();
          if (reasons.slice(1, 1 + ticks.length).some(conditionFailed)) return providerBusy();
          if (reasons.some(conditionFailed))
            return DomainError.conflict('This booking already exists');
          return undefined;
        },
      );
      return booking;
    },

    async cancel(updated, slot, audit) {
      await transact(
        [
          freeSlot(slot, updated.bookingId),
          ...busyTicks(slot).map((tick) => deleteTick(slot, tick)),
          bookingPut(updated, updated.version - 1),
          auditItem(audit),
        ],
        (reasons) => (reasons.some(conditionFailed) ? staleBooking() : undefined),
      );
      return updated;
    },

    async reschedule(previous, oldSlot, next, nextSlot, audit) {
      const oldTicks = new Set(busyTicks(oldSlot));
      const newTicks = busyTicks(nextSlot);
      const shared = oldSlot.providerId === nextSlot.providerId;
      const moved = newTicks.filter((tick) => shared && oldTicks.has(tick));
      const fresh = newTicks.filter((tick) => !moved.includes(tick));
      const released = [...oldTicks].filter((tick) => !moved.includes(tick));
      await transact(
        [
          takeSlot(nextSlot, next),
          ...fresh.map((tick) => putTick(nextSlot, tick)),
          ...moved.map((tick) => putTick(nextSlot, tick, oldSlot.slotId)),
          freeSlot(oldSlot, previous.bookingId),
          ...released.map((tick) => deleteTick(oldSlot, tick)),
          bookingPut(previous, previous.version - 1),
          bookingPut(next, 'new'),
          auditItem(audit),
        ],
        (reasons) => {
          if (conditionFailed(reasons[0])) return slotUnavailable();
          if (reasons.slice(1, 1 + newTicks.length).some(conditionFailed)) return providerBusy();
          if (reasons.some(conditionFailed)) return staleBooking();
          return undefined;
        },
      );
      return next;
    },

    async update(updated, audit) {
      const items: TransactItem[] = [bookingPut(updated, updated.version - 1)];
      if (updated.status === 'booked') {
        items.push({
          Update: {
            TableName: T,
            Key: slotKeys.item(updated.clinicId, updated.slotId),
            UpdateExpression: 'SET #booking = :booking',
            ConditionExpression: '#booking.#bid = :bid',
            ExpressionAttributeNames: { '#booking': 'booking', '#bid': 'bookingId' },
            ExpressionAttributeValues: {
              ':booking': slotBookingOf(updated),
              ':bid': updated.bookingId,
            },
          },
        });
      }
      if (updated.meetingId !== undefined) {
        items.push({
          Put: {
            TableName: T,
            Item: {
              ...bookingKeys.meetingLink(updated.meetingId),
              entity: 'visit-meeting',
              clinicId: updated.clinicId,
              bookingId: updated.bookingId,
            },
          },
        });
      }
      if (audit !== undefined) items.push(auditItem(audit));
      await transact(items, (reasons) =>
        reasons.some(conditionFailed) ? staleBooking() : undefined,
      );
      return updated;
    },

    async findByMeeting(meetingId) {
      const { Item } = await table.client.send(
        new GetCommand({ TableName: T, Key: bookingKeys.meetingLink(meetingId) }),
      );
      const link = MeetingLink.safeParse(Item);
      if (!link.success) return undefined;
      const booking = await this.get(link.data.clinicId, link.data.bookingId);
      return booking?.meetingId === meetingId ? booking : undefined;
    },

    async get(clinicId, bookingId) {
      const { Item } = await table.client.send(
        new GetCommand({
          TableName: T,
          Key: bookingKeys.item(clinicId, bookingId),
          ConsistentRead: true,
        }),
      );
      return Item && parseBooking(Item);
    },

    async listForPatient(clinicId, patientId, from, page) {
      const partition = bookingKeys.patientPartition(clinicId, patientId);
      const lower = bookingKeys.timeKey(from);
      const keyNames = ['gsi1pk', 'gsi1sk', 'pk', 'sk'] as const;
      const start =
        page.cursor === undefined
          ? undefined
          : decodeCursor(page.cursor, {
              keyNames,
              partitionKeyName: 'gsi1pk',
              partition,
              sortKeyName: 'gsi1sk',
            });
      if (start !== undefined && (start['gsi1sk'] ?? '') < lower) {
        throw DomainError.validation('Invalid cursor', [
          { field: 'query.cursor', message: 'is not a cursor for this list' },
        ]);
      }
      const out = await table.client.send(
        new QueryCommand({
          TableName: T,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :p AND gsi1sk >= :from',
          ExpressionAttributeValues: { ':p': partition, ':from': lower },
          Limit: page.limit + 1,
          ExclusiveStartKey: start,
        }),
      );
      const found = out.Items ?? [];
      const items = found.slice(0, page.limit);
      const last = items[items.length - 1];
      const more = found.length > page.limit ? last && keyOf(last, keyNames) : out.LastEvaluatedKey;
      return more === undefined
        ? { items: items.map(parseBooking) }
        : {
            items: items.map(parseBooking),
            nextCursor: encodeCursor(more as Record<string, string>),
          };
    },

    allForPatient: (clinicId, patientId) =>
      queryAllItems({
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': bookingKeys.patientPartition(clinicId, patientId) },
        max: MAX_PATIENT_BOOKINGS,
      }),

    listForClinicRange: (clinicId, from, to) =>
      queryAllItems({
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :p AND gsi2sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':p': bookingKeys.clinicPartition(clinicId),
          ':from': bookingKeys.timeKey(from),
          ':to': bookingKeys.timeKey(to),
        },
        max: MAX_RANGE_BOOKINGS,
      }),
  };
};
