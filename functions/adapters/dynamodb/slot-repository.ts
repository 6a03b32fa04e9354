/**
 * Slots (DESIGN.md flow 5). Generation is a conditional put per slot, so a rolling horizon can be
 * generated any number of times. Booking is one transaction: the slot's status moves from a
 * bookable status to booked, and one provider-time guard item per 5-minute tick the slot covers
 * is put with attribute_not_exists. Of concurrent bookings of one slot exactly one commits, and a
 * provider booked in one clinic cannot be booked at an overlapping time in another.
 */
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Slot, SlotBooking } from '../../contracts/scheduling';
import { DomainError } from '../../domain/errors';
import { busyTicks } from '../../domain/scheduling/overlaps';
import { bookableStatuses } from '../../domain/scheduling/release';
import type { GeneratedCounts, SlotRepository } from '../../ports/scheduling';
import { auditPut } from './audit-log';
import { parseItem, toAttributes } from './items';
import { itemIsNew, providerBusyKeys, slotKeys } from './keys';
import { mapPage, queryPage } from './query';
import type { StoredItem, Table } from './table';
import {
  cancellationReasons,
  conditionFailed,
  isConditionalCheckFailed,
  transactionConflict,
} from './transactions';

const parseSlot = (item: StoredItem) => parseItem('slot', Slot, item);

/** Puts in flight at once while generating: enough to be quick, few enough not to throttle. */
const PUT_CONCURRENCY = 16;
/** Bookings cancelled only because another transaction held an item are retried this often. */
const CONFLICT_RETRIES = 4;

const getSlot = async (table: Table, clinicId: string, slotId: string) => {
  const { Item } = await table.client.send(
    new GetCommand({
      TableName: table.tableName,
      Key: slotKeys.item(clinicId, slotId),
      ConsistentRead: true,
    }),
  );
  return Item && parseSlot(Item);
};

const storedItem = (slot: Slot) => {
  const attributes = toAttributes('slot', slot);
  return {
    ...attributes,
    ...slotKeys.item(attributes.clinicId, attributes.slotId),
    ...slotKeys.byClinicDay(attributes),
    ...slotKeys.byProviderDay(attributes),
  };
};

const slotUnavailable = () =>
  DomainError.conflict('This slot is no longer available', [
    { field: 'path.slotId', message: 'is not open for this booking' },
  ]);

const providerBusy = () =>
  DomainError.conflict('The provider is already booked at an overlapping time', [
    { field: 'path.slotId', message: 'overlaps another booking of this provider' },
  ]);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const createSlotRepository = (table: Table): SlotRepository => {
  const putOne = async (slot: Slot): Promise<'created' | 'existing'> => {
    try {
      await table.client.send(
        new PutCommand({
          TableName: table.tableName,
          Item: storedItem(slot),
          ConditionExpression: itemIsNew,
        }),
      );
      return 'created';
    } catch (error) {
      if (isConditionalCheckFailed(error)) return 'existing';
      throw error;
    }
  };

  const bookOnce = async (slot: Slot, booking: SlotBooking) => {
    const allowed = bookableStatuses(booking.purpose);
    const statusValues = Object.fromEntries(allowed.map((status, i) => [`:s${i}`, status]));
    const ticks = busyTicks(slot);
    await table.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: table.tableName,
              Key: slotKeys.item(slot.clinicId, slot.slotId),
              UpdateExpression: 'SET #status = :booked, #booking = :booking',
              ConditionExpression: `attribute_exists(#pk) AND #status IN (${Object.keys(statusValues).join(', ')})`,
              ExpressionAttributeNames: { '#pk': 'pk', '#status': 'status', '#booking': 'booking' },
              ExpressionAttributeValues: {
                ...statusValues,
                ':booked': 'booked',
                ':booking': booking,
              },
            },
          },
          ...ticks.map((tick) => ({
            Put: {
              TableName: table.tableName,
              Item: {
                ...toAttributes('provider-busy', {
                  clinicId: slot.clinicId,
                  providerId: slot.providerId,
                  slotId: slot.slotId,
                  tick,
                }),
                ...providerBusyKeys.item(slot.providerId, tick),
              },
              ConditionExpression: itemIsNew,
            },
          })),
        ],
      }),
    );
  };

  return {
    async putGenerated(slots) {
      const counts: GeneratedCounts = { created: 0, existing: 0 };
      for (let i = 0; i < slots.length; i += PUT_CONCURRENCY) {
        const results = await Promise.all(slots.slice(i, i + PUT_CONCURRENCY).map(putOne));
        for (const result of results) counts[result] += 1;
      }
      return counts;
    },

    get: (clinicId, slotId) => getSlot(table, clinicId, slotId),

    async listForClinicDay(clinicId, localDate, page) {
      const raw = await queryPage(
        table,
        { index: 'gsi1', partition: slotKeys.clinicDayPartition(clinicId, localDate) },
        page,
      );
      return mapPage(raw, parseSlot);
    },

    async listForProviderDay(providerId, localDate, page) {
      const raw = await queryPage(
        table,
        { index: 'gsi3', partition: slotKeys.providerDayPartition(providerId, localDate) },
        page,
      );
      return mapPage(raw, parseSlot);
    },

    async book(clinicId, slotId, input) {
      // Only the declared booking fields reach the table (the slot schema checks them on read).
      const parsed = SlotBooking.safeParse(input);
      if (!parsed.success) throw new Error('Refusing to store a malformed booking');
      const booking = parsed.data;
      const slot = await getSlot(table, clinicId, slotId);
      if (slot === undefined) throw DomainError.notFound('Slot');
      if (!bookableStatuses(booking.purpose).includes(slot.status)) throw slotUnavailable();

      for (let attempt = 0; ; attempt += 1) {
        try {
          await bookOnce(slot, booking);
          return { ...slot, status: 'booked', booking };
        } catch (error) {
          const reasons = cancellationReasons(error);
          if (reasons === undefined) throw error;
          if (conditionFailed(reasons[0])) throw slotUnavailable();
          if (reasons.slice(1).some(conditionFailed)) throw providerBusy();
          if (transactionConflict(reasons) && attempt < CONFLICT_RETRIES) {
            await pause(10 + Math.random() * 40 * (attempt + 1));
            continue;
          }
          if (transactionConflict(reasons)) {
            throw DomainError.conflict(
              'Another booking changed this slot at the same time: try again',
            );
          }
          throw error;
        }
      }
    },

    async releaseWarmHandoff(clinicId, slotId, now, audit) {
      const update = {
        TableName: table.tableName,
        Key: slotKeys.item(clinicId, slotId),
        UpdateExpression: 'SET #status = :released, #releasedAt = :now',
        ConditionExpression: 'attribute_exists(#pk) AND #kind = :wh AND #status = :held',
        ExpressionAttributeNames: {
          '#pk': 'pk',
          '#kind': 'kind',
          '#status': 'status',
          '#releasedAt': 'releasedAt',
        },
        ExpressionAttributeValues: {
          ':released': 'released',
          ':now': now.toISOString(),
          ':wh': 'warm-handoff',
          ':held': 'held',
        },
      };
      try {
        if (audit !== undefined) {
          // The release and its audit event commit together: a second run writes neither.
          await table.client.send(
            new TransactWriteCommand({
              TransactItems: [{ Update: update }, { Put: auditPut(table, audit) }],
            }),
          );
          const slot = await getSlot(table, clinicId, slotId);
          if (slot === undefined) throw new Error('Released slot vanished');
          return { outcome: 'released', slot };
        }
        const { Attributes } = await table.client.send(
          new UpdateCommand({ ...update, ReturnValues: 'ALL_NEW' }),
        );
        if (Attributes === undefined) throw new Error('Update returned no attributes');
        return { outcome: 'released', slot: parseSlot(Attributes) };
      } catch (error) {
        const reasons = cancellationReasons(error);
        const refused = isConditionalCheckFailed(error) || conditionFailed(reasons?.[0]);
        if (!refused) throw error;
        const slot = await getSlot(table, clinicId, slotId);
        if (slot === undefined) throw DomainError.notFound('Slot');
        if (slot.kind !== 'warm-handoff') {
          throw DomainError.conflict('Only protected warm-handoff slots are released');
        }
        if (slot.status === 'released') return { outcome: 'already-released', slot };
        if (slot.status === 'booked') return { outcome: 'booked', slot };
        throw DomainError.conflict(`A ${slot.status} slot cannot be released`);
      }
    },
  };
};
