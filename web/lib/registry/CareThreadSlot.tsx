import { lazy, Suspense } from 'react';
import { Loading } from '../ui/Status';

/**
 * The patient page's care-thread section (recommendations, secure messages, restricted notes),
 * loaded as its own chunk on demand so that the exam-room tablet's staff chunk does not carry it.
 * Its components live under lib (care-thread/) because features do not import each other.
 */
const CareThread = lazy(async () => ({
  default: (await import('./care-thread/CareThread')).CareThread,
}));

export function CareThreadSlot({ patientId }: { patientId: string }) {
  return (
    <Suspense fallback={<Loading label="Loading the care thread…" />}>
      <CareThread patientId={patientId} />
    </Suspense>
  );
}
