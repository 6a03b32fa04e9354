/**
 * The psychiatrist's weekly review order (CLINICAL.md Part 2 §1.9): safety first, then patients
 * not yet reviewed, then those not improving at week 8+, then the BCM's requests, then the rest.
 */
import type { RegistryFlag } from '../../contracts/registry';
import { ReviewPriority } from '../../contracts/registry';

export type Priority = (typeof ReviewPriority.options)[number];

const RANKED: readonly Priority[] = ['safety', 'new', 'not_improving', 'review_requested'];

export const reviewPriority = (flags: readonly Pick<RegistryFlag, 'kind'>[]): Priority =>
  RANKED.find((priority) => flags.some((flag) => flag.kind === priority)) ?? 'other';

interface Reviewable {
  flags: readonly Pick<RegistryFlag, 'kind'>[];
  weeksInTreatment: number;
}

/** Each row with its priority, most urgent first, longest in treatment first within a priority. */
export const panelEntries = <V extends Reviewable>(
  views: readonly V[],
): (V & { priority: Priority })[] =>
  views
    .map((view, index) => ({ entry: { ...view, priority: reviewPriority(view.flags) }, index }))
    .sort(
      (a, b) =>
        ReviewPriority.options.indexOf(a.entry.priority) -
          ReviewPriority.options.indexOf(b.entry.priority) ||
        b.entry.weeksInTreatment - a.entry.weeksInTreatment ||
        a.index - b.index,
    )
    .map(({ entry }) => entry);

/** The rows in review order (stable: equal rows keep their order). */
export const orderForReview = <V extends Reviewable>(views: readonly V[]): V[] => {
  const ranked = panelEntries(views.map((view, index) => ({ ...view, index })));
  return ranked.map(({ index }) => views[index] as V);
};
