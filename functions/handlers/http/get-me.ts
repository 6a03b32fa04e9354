import { httpRoute } from '../../platform/http';
import { getMe } from '../../services/me';

export const handler = httpRoute('getMe', (_input, ctx) => getMe(ctx));
