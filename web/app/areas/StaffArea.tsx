import { Route, Routes } from 'react-router';
import { CallPage } from '../../features/call/CallPage';
import { BillingPage } from '../../features/billing/BillingPage';
import { CaseReviewRoute } from '../../features/case-review/routes';
import { ClinicHome } from '../../features/clinic-home/ClinicHome';
import { EnrolRoute, EpisodeRoute } from '../../features/episode/routes';
import { HandoffWaitingPage } from '../../features/handoff-request/HandoffWaitingPage';
import { PatientPage } from '../../features/patient/PatientPage';
import { ClinicDayPage } from '../../features/schedule/ClinicDayPage';
import { MyDayPage } from '../../features/schedule/MyDayPage';
import { VisitCallPage } from '../../features/schedule/VisitCallPage';
import { PatientMode } from '../../features/questionnaire/PatientMode';
import { ResultPage } from '../../features/screening-result/ResultPage';
import { SafetyPage } from '../../features/safety/SafetyPage';
import { SafetyPlanPrint } from '../../features/safety/SafetyPlanPrint';
import { ClinicLayout } from '../ClinicLayout';
import { NotFoundPage } from '../RouteError';

/**
 * Clinical staff (pcp, ma, bcm, psychiatrist), under /clinics/:clinicId/staff. Patient mode is
 * outside the layout: no header, no links, nothing but the questionnaire. The whole area is one
 * chunk so that nothing more has to download while the tablet is in a patient's hands.
 */
export default function StaffArea() {
  return (
    <Routes>
      <Route element={<ClinicLayout />}>
        <Route index element={<ClinicHome />} />
        <Route path="patients/:patientId" element={<PatientPage />} />
        <Route path="patients/:patientId/screenings/:screeningId" element={<ResultPage />} />
        <Route path="patients/:patientId/safety" element={<SafetyPage />} />
        <Route path="schedule" element={<ClinicDayPage />} />
        <Route path="my-day" element={<MyDayPage />} />
        <Route path="handoffs/:handoffId" element={<HandoffWaitingPage />} />
        {/* @staff:registry-bcm (enrolment and episode pages) */}
        <Route path="patients/:patientId/enrol" element={<EnrolRoute />} />
        <Route path="patients/:patientId/episodes/:episodeId" element={<EpisodeRoute />} />
        {/* @staff:billing (the PCP's read-only CoCM worksheet) */}
        <Route path="billing" element={<BillingPage />} />
        <Route path="billing/:month" element={<BillingPage />} />
        {/* @staff:registry-review (case summary, recommendation thread, messages, notes) */}
        <Route
          path="patients/:patientId/episodes/:episodeId/review"
          element={<CaseReviewRoute />}
        />
      </Route>
      <Route path="patients/:patientId/screen" element={<PatientMode />} />
      <Route path="patients/:patientId/safety/print" element={<SafetyPlanPrint />} />
      <Route path="handoffs/:handoffId/call" element={<CallPage />} />
      <Route path="schedule/visits/:bookingId/call" element={<VisitCallPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
