import { httpRoute } from '../../platform/http';
import { setMyPresence } from '../../services/presence';

export const handler = httpRoute('setMyPresence', ({ body }, ctx) => setMyPresence(ctx, body));
