import { Route, Routes } from 'react-router';
import { AdminOverview } from '../../features/admin-overview/AdminOverview';
import { TemplatesPage } from '../../features/schedule/TemplatesPage';
import { TriageRulesPage } from '../../features/triage-rules/TriageRulesPage';
import { ClinicLayout } from '../ClinicLayout';
import { NotFoundPage } from '../RouteError';

/** Clinic admins, under /clinics/:clinicId/admin. */
export default function AdminArea() {
  return (
    <Routes>
      <Route element={<ClinicLayout />}>
        <Route index element={<AdminOverview />} />
        <Route path="triage-rules" element={<TriageRulesPage />} />
        <Route path="schedule-templates" element={<TemplatesPage />} />
      </Route>
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
