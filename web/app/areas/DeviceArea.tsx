import { Route, Routes } from 'react-router';
import { DeviceHome } from '../../features/device/DeviceHome';
import { NotFoundPage } from '../RouteError';

/** Exam-room device accounts (role tablet), under /clinics/:clinicId/device. */
export default function DeviceArea() {
  return (
    <Routes>
      <Route index element={<DeviceHome />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
