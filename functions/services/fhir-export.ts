import type { Bundle } from 'fhir/r4';
import type { ClinicId } from '../contracts/common';
import type { ScreeningResult } from '../contracts/screenings';
import { patientScreeningsBundle } from '../domain/fhir';
import type { RequestContext } from '../ports/context';
import { auditEvent, authorizeFor } from './access';
import { requirePatient } from './patients';

/** Screenings read per page while collecting a patient's whole history. */
const PAGE_SIZE = 100;

/**
 * A patient's screenings as a FHIR R4 collection Bundle (the record a clinic hands to an EHR or the
 * patient). Needs screening.read; reads every page of the patient's screenings, then records one
 * `patient.export` audit event.
 */
export const exportPatientFhir = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  patientId: string,
): Promise<Bundle> => {
  const target = { resourceType: 'patient', resourceId: patientId, patientId } as const;
  await authorizeFor(ctx, 'screening.read', clinicId, target);
  const { store } = ctx.deps;
  const patient = await requirePatient(ctx, clinicId, patientId);
  const results: ScreeningResult[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.screenings.listForPatient(clinicId, patientId, {
      limit: PAGE_SIZE,
      ...(cursor ? { cursor } : {}),
    });
    results.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  const bundle = patientScreeningsBundle(patient, results, ctx.deps.clock.now().toISOString());
  await store.audit.append(auditEvent(ctx, clinicId, 'patient.export', target));
  return bundle;
};
