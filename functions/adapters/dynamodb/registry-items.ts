/**
 * Stored shapes of the registry items, parsed on every read like the other entities (items.ts): a
 * malformed item fails with paths and codes only, never values, and key attributes are stripped.
 */
import * as z from 'zod';
import { ClinicId, Ulid, UserId } from '../../contracts/common';
import {
  Episode,
  PatientMessage,
  Recommendation,
  RestrictedNote,
  ReviewSession,
} from '../../contracts/registry';
import type { StoredItem } from './table';

export const registryEntities = {
  episode: Episode,
  'episode-guard': z.object({ clinicId: ClinicId, patientId: Ulid, episodeId: Ulid }),
  /** A person's counter, not a clinic's: it spans the BCM's clinics (no clinicId, like a profile). */
  'caseload-count': z.object({ userId: UserId, activeCount: z.number().int() }),
  'idempotency-guard': z.object({ clinicId: ClinicId, patientId: Ulid, activityId: Ulid }),
  recommendation: Recommendation,
  'patient-message': PatientMessage,
  'restricted-note': RestrictedNote,
  'review-session': ReviewSession,
  /** The copy of a session in one member's partition (their "my sessions" list). */
  'review-session-pointer': ReviewSession,
  /** meeting id → session, for the signal relay (written with the session that got the meeting). */
  'review-meeting': z.object({ meetingId: z.string(), reviewSessionId: Ulid }),
} as const;
export type RegistryEntity = keyof typeof registryEntities;
type Shape<E extends RegistryEntity> = z.infer<(typeof registryEntities)[E]>;

const describe = (error: z.ZodError): string =>
  error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`).join('; ');

export const parseRegistry = <E extends RegistryEntity>(entity: E, item: StoredItem): Shape<E> => {
  if (item['entity'] !== entity) {
    throw new Error(`Expected a stored ${entity} item, found ${String(item['entity'])}`);
  }
  const parsed = registryEntities[entity].safeParse(item);
  if (!parsed.success) {
    throw new Error(`Stored ${entity} item is malformed: ${describe(parsed.error)}`);
  }
  return parsed.data as Shape<E>;
};

export const toRegistry = <E extends RegistryEntity>(
  entity: E,
  record: z.input<(typeof registryEntities)[E]>,
): Shape<E> & { entity: E } => {
  const parsed = registryEntities[entity].safeParse(record);
  if (!parsed.success) {
    throw new Error(`Refusing to store a malformed ${entity}: ${describe(parsed.error)}`);
  }
  return { ...(parsed.data as Shape<E>), entity };
};
