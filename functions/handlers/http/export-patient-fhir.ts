import { httpRoute } from '../../platform/http';
import { exportPatientFhir } from '../../services/fhir-export';

export const handler = httpRoute('exportPatientFhir', ({ params }, ctx) =>
  exportPatientFhir(ctx, params.clinicId, params.patientId),
);
