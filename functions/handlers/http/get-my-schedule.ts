import { httpRoute } from '../../platform/http';
import { getMySchedule } from '../../services/scheduling';

export const handler = httpRoute('getMySchedule', ({ query }, ctx) => getMySchedule(ctx, query));
