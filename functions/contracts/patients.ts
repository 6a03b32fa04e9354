import * as z from 'zod';
import { ClinicId, IsoDate, IsoDateTime, Language, PageQuery, Ulid } from './common';

const Name = z.string().trim().min(1, 'is required').max(80);

export const SexAtBirth = z.enum(['female', 'male', 'unknown']);

export const PatientCreate = z.object({
  givenName: Name,
  familyName: Name,
  dateOfBirth: IsoDate.refine(
    (d) => d <= new Date().toISOString().slice(0, 10),
    'is in the future',
  ),
  sexAtBirth: SexAtBirth,
  /** The clinic's own medical record number; unique within the clinic when given. */
  mrn: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,32}$/, 'must be 1-32 letters, digits or dashes')
    .optional(),
  preferredLanguage: Language.default('en'),
});
export type PatientCreate = z.infer<typeof PatientCreate>;

export const Patient = z.object({
  patientId: Ulid,
  clinicId: ClinicId,
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: IsoDate,
  sexAtBirth: SexAtBirth,
  mrn: z.string().optional(),
  preferredLanguage: Language,
  createdAt: IsoDateTime,
  createdBy: z.string(),
});
export type Patient = z.infer<typeof Patient>;

export const PatientParams = z.object({ clinicId: ClinicId, patientId: Ulid });

/** Search by the start of the family name ("gar" finds Garcia), optionally ", given", or an exact MRN. */
export const PatientSearchQuery = PageQuery.extend({
  q: z.string().trim().min(1).max(80).optional(),
  mrn: z.string().trim().max(32).optional(),
});
export type PatientSearchQuery = z.infer<typeof PatientSearchQuery>;
