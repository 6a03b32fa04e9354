import { lazy, Suspense } from 'react';
import { Loading } from '@lib/ui/Status';

// Registry pages download only when opened: the staff chunk stays small for the exam-room tablet.
const EpisodePage = lazy(async () => ({ default: (await import('./EpisodePage')).EpisodePage }));
const EnrolPage = lazy(async () => ({ default: (await import('./EnrolPage')).EnrolPage }));

export function EpisodeRoute() {
  return (
    <Suspense fallback={<Loading label="Loading episode…" />}>
      <EpisodePage />
    </Suspense>
  );
}

export function EnrolRoute() {
  return (
    <Suspense fallback={<Loading label="Loading enrolment…" />}>
      <EnrolPage />
    </Suspense>
  );
}
