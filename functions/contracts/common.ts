import * as z from 'zod';

/** Clinic ids are readable slugs chosen by the network admin (they appear in URLs, never PHI). */
export const ClinicId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{2,62}$/, 'must be 3-63 lowercase letters, digits or dashes');
export type ClinicId = z.infer<typeof ClinicId>;

/** Generated ids (patients, screenings, audit events) are ULIDs: sortable by creation time. */
export const Ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a ULID');

export const UserId = z.string().min(1).max(128);

export const Role = z.enum(['pcp', 'ma', 'bcm', 'psychiatrist', 'admin', 'tablet']);
export type Role = z.infer<typeof Role>;

export const Language = z.enum(['en', 'es']);
export type Language = z.infer<typeof Language>;

/** Calendar date without time, as entered (a date of birth has no zone). */
export const IsoDate = z.iso.date();
export const IsoDateTime = z.iso.datetime({ offset: false });

/** IANA zone such as America/Denver; validated against the runtime's zone database. */
export const TimeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone');

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().optional() });
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export const ErrorCode = z.enum([
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const FieldIssue = z.object({
  /** Dotted path into the request part, prefixed by the part: body.answers.3, query.limit, path.clinicId */
  field: z.string(),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    fields: z.array(FieldIssue).optional(),
    requestId: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
