import { httpRoute } from '../../platform/http';
import { getClinic } from '../../services/me';

export const handler = httpRoute('getClinic', ({ params }, ctx) => getClinic(ctx, params.clinicId));
