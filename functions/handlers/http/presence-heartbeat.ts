import { httpRoute } from '../../platform/http';
import { heartbeat } from '../../services/presence';

export const handler = httpRoute('presenceHeartbeat', (_input, ctx) => heartbeat(ctx));
