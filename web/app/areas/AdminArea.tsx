import { Route, Routes } from 'react-router';
import { AdminOverview } from '../../features/admin-overview/AdminOverview';
import { BillingPage } from '../../features/billing/BillingPage';
import { ClinicOutcomesPage } from '../../features/outcomes/ClinicOutcomesPage';
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
        <Route path="outcomes" element={<ClinicOutcomesPage />} />
        <Route path="billing" element={<BillingPage />} />
        <Route path="billing/:month" element={<BillingPage />} />
      </Route>
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
