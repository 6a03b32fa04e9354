import { httpRoute } from '../../platform/http';
import { getMyHandoffQueue } from '../../services/handoffs';

export const handler = httpRoute('getMyHandoffQueue', (_input, ctx) => getMyHandoffQueue(ctx));
