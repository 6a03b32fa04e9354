import { httpRoute } from '../../platform/http';
import { getRegistrySettings } from '../../services/registry-settings';

export const handler = httpRoute('getRegistrySettings', ({ params }, ctx) =>
  getRegistrySettings(ctx, params.clinicId),
);
