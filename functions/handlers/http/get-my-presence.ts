import { httpRoute } from '../../platform/http';
import { getMyPresence } from '../../services/presence';

export const handler = httpRoute('getMyPresence', (_input, ctx) => getMyPresence(ctx));
