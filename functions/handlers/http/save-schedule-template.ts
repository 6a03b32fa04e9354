import { httpRoute } from '../../platform/http';
import { saveScheduleTemplate } from '../../services/scheduling';

export const handler = httpRoute('saveScheduleTemplate', ({ params, body }, ctx) =>
  saveScheduleTemplate(ctx, params.clinicId, body),
);
