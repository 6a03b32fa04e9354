import { describe, expect, it } from 'vitest';
import { RecommendationKind, ReviewPriority } from '../../../functions/contracts';
import {
  PRIORITY_LABEL,
  RECOMMENDATION_KIND_LABEL,
  reviewPaths,
} from '../../../web/lib/registry/review';

describe('review paths', () => {
  it('encodes ids and carries the case-review session to the case', () => {
    expect(reviewPaths.caseReview('sage valley', 'P1', 'E1')).toBe(
      '/clinics/sage%20valley/staff/patients/P1/episodes/E1/review',
    );
    expect(reviewPaths.caseReview('sage-valley', 'P1', 'E1', 'S/1')).toBe(
      '/clinics/sage-valley/staff/patients/P1/episodes/E1/review?session=S%2F1',
    );
    expect(reviewPaths.panelDuring('S1')).toBe('/panel?session=S1');
  });
});

describe('review labels', () => {
  it('number the priorities in review order, so the panel reads top-down', () => {
    const leading = ReviewPriority.options.map((p) => Number(PRIORITY_LABEL[p].slice(0, 1)));
    expect(leading).toEqual([1, 2, 3, 4, 5]);
  });

  it('names every recommendation kind distinctly', () => {
    const labels = RecommendationKind.options.map((k) => RECOMMENDATION_KIND_LABEL[k]);
    expect(new Set(labels).size).toBe(labels.length);
  });
});
