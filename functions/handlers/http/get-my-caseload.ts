import { httpRoute } from '../../platform/http';
import { getMyCaseload } from '../../services/registry-caseload';

export const handler = httpRoute('getMyCaseload', ({ query }, ctx) => getMyCaseload(ctx, query));
