import { httpRoute } from '../../platform/http';
import { listPatientMessages } from '../../services/registry-messages';

export const handler = httpRoute('listPatientMessages', ({ params, query }, ctx) =>
  listPatientMessages(ctx, params.clinicId, params.patientId, query),
);
