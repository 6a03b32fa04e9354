import * as z from 'zod';
import { IsoDateTime } from './common';

/**
 * FHIR R4 payloads are checked by their outer shape only: every object is loose, so the resources
 * (typed as `fhir/r4` in the domain) pass through the response parsing whole instead of being
 * stripped to the few fields named here.
 */
export const FhirResource = z.looseObject({ resourceType: z.string().min(1) });

export const FhirBundleEntry = z.looseObject({
  fullUrl: z.string().min(1),
  resource: FhirResource,
});

/** A `collection` Bundle, e.g. a patient's screenings export. */
export const FhirBundle = z.looseObject({
  resourceType: z.literal('Bundle'),
  type: z.literal('collection'),
  timestamp: IsoDateTime,
  entry: z.array(FhirBundleEntry),
});
export type FhirBundle = z.infer<typeof FhirBundle>;
