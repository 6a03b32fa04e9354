import { lazy, Suspense } from 'react';
import { Loading } from '@lib/ui/Status';

// The case review (chart, forms) downloads only when opened: the staff chunk stays small.
const CaseReviewPage = lazy(async () => ({
  default: (await import('./CaseReviewPage')).CaseReviewPage,
}));

export function CaseReviewRoute() {
  return (
    <Suspense fallback={<Loading label="Loading the case…" />}>
      <CaseReviewPage />
    </Suspense>
  );
}
