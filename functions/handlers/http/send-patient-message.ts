import { httpRoute } from '../../platform/http';
import { sendPatientMessage } from '../../services/registry-messages';

export const handler = httpRoute('sendPatientMessage', ({ params, body }, ctx) =>
  sendPatientMessage(ctx, params.clinicId, params.patientId, body.body),
);
