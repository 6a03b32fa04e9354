import { Route, Routes } from 'react-router';
import { CallPage } from '../../features/call/CallPage';
import { IncomingCall } from '../../features/call/IncomingCall';
import { DeviceHome } from '../../features/device/DeviceHome';
import { NotFoundPage } from '../RouteError';

/** Exam-room device accounts (role tablet), under /clinics/:clinicId/device. */
export default function DeviceArea() {
  return (
    <>
      <IncomingCall />
      <Routes>
        <Route index element={<DeviceHome />} />
        <Route path="handoffs/:handoffId/call" element={<CallPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </>
  );
}
