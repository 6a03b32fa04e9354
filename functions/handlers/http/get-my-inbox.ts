import { httpRoute } from '../../platform/http';
import { getMyInbox } from '../../services/registry-recommendations';

export const handler = httpRoute('getMyInbox', ({ query }, ctx) => getMyInbox(ctx, query));
