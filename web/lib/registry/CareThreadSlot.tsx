import { lazy, Suspense } from 'react';
import { Loading } from '../ui/Status';

/**
 * The patient page's care-thread section (recommendations, secure messages, restricted notes),
 * loaded as its own chunk on demand. It lives behind this slot so that the patient feature does
 * not import another feature, and the exam-room tablet's staff chunk does not carry it.
 */
const CareThread = lazy(async () => ({
  default: (await import('../../features/care-thread/CareThread')).CareThread,
}));

export function CareThreadSlot({ patientId }: { patientId: string }) {
  return (
    <Suspense fallback={<Loading label="Loading the care thread…" />}>
      <CareThread patientId={patientId} />
    </Suspense>
  );
}
