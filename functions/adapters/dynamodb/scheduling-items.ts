/**
 * Keys and stored shapes of the scheduling items other than slots (keys.ts holds the slot and
 * provider-busy keys): templates, clinic settings, the scheduled-clinics registry and bookings.
 * Parsed on every read like every other entity: a malformed item fails with paths and codes only.
 */
import * as z from 'zod';
import type { ClinicId } from '../../contracts/common';
import { ClinicId as ClinicIdSchema } from '../../contracts/common';
import { Booking, ClinicSchedulingSettings, ScheduleTemplate } from '../../contracts/scheduling';
import type { PrimaryKey } from './keys';
import type { StoredItem } from './table';

const sortableTime = (iso: string): string => new Date(iso).toISOString();

export const templateKeys = {
  clinicPartition: (clinicId: ClinicId) => `CLINIC#${clinicId}#TEMPLATES`,
  item: (t: Pick<ScheduleTemplate, 'clinicId' | 'providerId' | 'weekday' | 'effectiveFrom'>) => ({
    pk: templateKeys.clinicPartition(t.clinicId),
    sk: `PROVIDER#${t.providerId}#D${t.weekday}#${t.effectiveFrom}`,
  }),
  providerSortPrefix: (providerId: string) => `PROVIDER#${providerId}#`,
  /** A provider's templates in every clinic: how a new template is checked for double places. */
  providerPartition: (providerId: string) => `STAFF#${providerId}#TEMPLATES`,
  byProvider: (
    t: Pick<ScheduleTemplate, 'clinicId' | 'providerId' | 'weekday' | 'effectiveFrom'>,
  ) => ({
    gsi3pk: templateKeys.providerPartition(t.providerId),
    gsi3sk: `${t.clinicId}#D${t.weekday}#${t.effectiveFrom}`,
  }),
};

export const settingsKeys = {
  item: (clinicId: ClinicId): PrimaryKey => ({
    pk: `CLINIC#${clinicId}`,
    sk: 'SCHEDULING-SETTINGS',
  }),
};

/** The clinics the slot jobs walk: one small item per clinic that has a template. */
export const scheduledClinicKeys = {
  partition: 'SCHEDULING#CLINICS',
  item: (clinicId: ClinicId): PrimaryKey => ({
    pk: scheduledClinicKeys.partition,
    sk: `CLINIC#${clinicId}`,
  }),
};

/**
 * One partition per booking (its id is in every booking URL); the patient's visits on gsi1 and the
 * clinic's visits (attendance metrics over a date range) on gsi2, both by UTC start.
 */
export const bookingKeys = {
  item: (clinicId: ClinicId, bookingId: string): PrimaryKey => ({
    pk: `CLINIC#${clinicId}#BOOKING#${bookingId}`,
    sk: 'BOOKING',
  }),
  /** Finds a video visit from its meeting id (the socket's signal relay has only that). */
  meetingLink: (meetingId: string): PrimaryKey => ({
    pk: `VISITMEETING#${meetingId}`,
    sk: 'VISITMEETING',
  }),
  patientPartition: (clinicId: ClinicId, patientId: string) =>
    `CLINIC#${clinicId}#PATIENT#${patientId}#VISITS`,
  clinicPartition: (clinicId: ClinicId) => `CLINIC#${clinicId}#VISITS`,
  indexes: (b: Pick<Booking, 'clinicId' | 'patientId' | 'startsAt' | 'bookingId'>) => ({
    gsi1pk: bookingKeys.patientPartition(b.clinicId, b.patientId),
    gsi1sk: `${sortableTime(b.startsAt)}#${b.bookingId}`,
    gsi2pk: bookingKeys.clinicPartition(b.clinicId),
    gsi2sk: `${sortableTime(b.startsAt)}#${b.bookingId}`,
  }),
  timeKey: sortableTime,
};

export const schedulingEntities = {
  'schedule-template': ScheduleTemplate,
  'scheduling-settings': ClinicSchedulingSettings.extend({ clinicId: ClinicIdSchema }),
  'scheduled-clinic': z.object({ clinicId: ClinicIdSchema }),
  booking: Booking,
} as const;
export type SchedulingEntity = keyof typeof schedulingEntities;
type Shape<E extends SchedulingEntity> = z.infer<(typeof schedulingEntities)[E]>;

const describe = (error: z.ZodError): string =>
  error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`).join('; ');

export const parseScheduling = <E extends SchedulingEntity>(
  entity: E,
  item: StoredItem,
): Shape<E> => {
  if (item['entity'] !== entity) {
    throw new Error(`Expected a stored ${entity} item, found ${String(item['entity'])}`);
  }
  const parsed = schedulingEntities[entity].safeParse(item);
  if (!parsed.success)
    throw new Error(`Stored ${entity} item is malformed: ${describe(parsed.error)}`);
  return parsed.data as Shape<E>;
};

export const toScheduling = <E extends SchedulingEntity>(
  entity: E,
  record: z.input<(typeof schedulingEntities)[E]>,
): Shape<E> & { entity: E } => {
  const parsed = schedulingEntities[entity].safeParse(record);
  if (!parsed.success) {
    throw new Error(`Refusing to store a malformed ${entity}: ${describe(parsed.error)}`);
  }
  return { ...(parsed.data as Shape<E>), entity };
};
