import { httpRoute } from '../../platform/http';
import { putRegistrySettings } from '../../services/registry-settings';

export const handler = httpRoute('putRegistrySettings', ({ params, body }, ctx) =>
  putRegistrySettings(ctx, params.clinicId, body),
);
