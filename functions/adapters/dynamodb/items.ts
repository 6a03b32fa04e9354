/**
 * What an item of each type must look like. Reads are parsed, never cast: a stored item of the
 * wrong shape (an old layout, a hand edit, a bug elsewhere) fails loudly here instead of leaking
 * into a response. Parsing also strips the key and bookkeeping attributes (pk, sk, gsi*, entity),
 * because zod objects drop keys they do not declare.
 */
import * as z from 'zod';
import { Clinic, TriageRuleSet } from '../../contracts/clinics';
import { ClinicId, IsoDateTime, Role } from '../../contracts/common';
import { Patient } from '../../contracts/patients';
import { RiskAssessment, SafetyPlan } from '../../contracts/safety';
import { ClinicScreeningItem } from '../../contracts/screenings';
import { Slot } from '../../contracts/scheduling';
import type { AuditEvent, Membership, UserProfile } from '../../domain/model';

/**
 * Compile-time check that a schema declares exactly the fields of a domain record: a field added to
 * the record but not here would otherwise be dropped silently on every read.
 */
type SameKeys<A, B> = [keyof A] extends [keyof B]
  ? [keyof B] extends [keyof A]
    ? true
    : false
  : false;

export const MembershipRecord = z.object({
  userId: z.string().min(1),
  clinicId: ClinicId,
  role: Role,
  room: z.string().optional(),
  createdAt: IsoDateTime,
}) satisfies z.ZodType<Membership>;

export const UserProfileRecord = z.object({
  userId: z.string().min(1),
  displayName: z.string(),
  email: z.string(),
  npi: z.string().optional(),
  createdAt: IsoDateTime,
}) satisfies z.ZodType<UserProfile>;

export const AuditEventRecord = z.object({
  eventId: z.string().min(1),
  at: IsoDateTime,
  actorId: z.string().min(1),
  clinicId: ClinicId,
  patientId: z.string().optional(),
  action: z.string().min(1),
  resourceType: z.enum([
    'clinic',
    'patient',
    'screening',
    'patient-list',
    'screening-list',
    'risk-assessment',
    'safety-plan',
    'safety-summary',
    // scheduling
    'slot',
    'slot-list',
    'booking',
    // handoff
    'handoff',
    'handoff-list',
    'care-activity',
    // registry
    'episode',
    'episode-list',
    'caseload',
    'case-summary',
    'recommendation',
    'recommendation-list',
    'message',
    'restricted-note',
    'review-session',
    // billing
    'billing-worksheet',
    'billing-export',
    'outcomes',
  ]),
  resourceId: z.string().optional(),
  outcome: z.enum(['success', 'denied', 'not_found', 'invalid']),
  requestId: z.string().optional(),
}) satisfies z.ZodType<AuditEvent>;

/** Points a client submission id at the screening it produced (for idempotent retries). */
export const SubmissionRecord = z.object({
  clinicId: ClinicId,
  patientId: z.string().min(1),
  screeningId: z.string().min(1),
});

export const MrnRecord = z.object({ clinicId: ClinicId, patientId: z.string().min(1) });

const exactly: [
  SameKeys<z.infer<typeof MembershipRecord>, Membership>,
  SameKeys<z.infer<typeof UserProfileRecord>, UserProfile>,
  SameKeys<z.infer<typeof AuditEventRecord>, AuditEvent>,
] = [true, true, true];
void exactly;

/** The `entity` attribute each item type carries: the table holds many types side by side. */
export const entities = {
  clinic: Clinic,
  'triage-rules': TriageRuleSet,
  user: UserProfileRecord,
  membership: MembershipRecord,
  patient: Patient,
  mrn: MrnRecord,
  submission: SubmissionRecord,
  screening: ClinicScreeningItem,
  audit: AuditEventRecord,
  slot: Slot,
  /** The provider-time guard of a booked slot: which slot holds this tick of the provider's time. */
  'provider-busy': z.object({
    clinicId: ClinicId,
    providerId: z.string().min(1),
    slotId: z.string().min(1),
    tick: IsoDateTime,
  }),
  'risk-assessment': RiskAssessment,
  'safety-plan': SafetyPlan,
} as const;
export type Entity = keyof typeof entities;

/** Issue paths and codes only: the message must never carry a stored value (PHI stays out of logs). */
const describe = (error: z.ZodError): string =>
  error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`).join('; ');

/**
 * Parses a stored item as `entity` with `schema` (the entity's own schema or a narrower view of it,
 * e.g. a screening read as a ScreeningResult without the worklist name).
 */
export const parseItem = <S extends z.ZodType>(
  entity: Entity,
  schema: S,
  item: Record<string, unknown>,
): z.infer<S> => {
  if (item['entity'] !== entity) {
    throw new Error(`Expected a stored ${entity} item, found ${String(item['entity'])}`);
  }
  const parsed = schema.safeParse(item);
  if (!parsed.success) {
    throw new Error(`Stored ${entity} item is malformed: ${describe(parsed.error)}`);
  }
  return parsed.data;
};

/**
 * Validates a record before it is written and returns only its declared fields, so whatever extra
 * properties a caller's object happens to carry never reach the table.
 */
export const toAttributes = <E extends Entity>(
  entity: E,
  record: z.input<(typeof entities)[E]>,
): z.infer<(typeof entities)[E]> & { entity: E } => {
  const parsed = entities[entity].safeParse(record);
  if (!parsed.success) {
    throw new Error(`Refusing to store a malformed ${entity}: ${describe(parsed.error)}`);
  }
  return { ...(parsed.data as z.infer<(typeof entities)[E]>), entity };
};
