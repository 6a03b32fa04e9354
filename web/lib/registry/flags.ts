import type { RegistryFlag, RegistryFlagKind } from '../contracts';

/** Plain words for each registry flag, shown on chips, filters and review lists. */
export const FLAG_LABEL: Readonly<Record<RegistryFlagKind, string>> = {
  safety: 'Safety',
  new: 'New',
  not_improving: 'Not improving',
  review_requested: 'Review requested',
  first_follow_up_overdue: 'First follow-up overdue',
  contact_overdue: 'Contact overdue',
  sessions_near_cap: 'Sessions near cap',
  sessions_past_cap: 'Sessions past cap',
  relapse_plan_due: 'Relapse plan due',
  lapsed: 'Lapsed',
};

export type FlagTone = 'danger' | 'warn' | 'info';

/** Colour family per flag (always shown next to the label text, never alone). */
export const FLAG_TONE: Readonly<Record<RegistryFlagKind, FlagTone>> = {
  safety: 'danger',
  new: 'info',
  not_improving: 'warn',
  review_requested: 'info',
  first_follow_up_overdue: 'warn',
  contact_overdue: 'warn',
  sessions_near_cap: 'info',
  sessions_past_cap: 'warn',
  relapse_plan_due: 'info',
  lapsed: 'warn',
};

/** Display order: the most urgent first (matches the psychiatrist's review priority). */
export const FLAG_ORDER: readonly RegistryFlagKind[] = [
  'safety',
  'new',
  'not_improving',
  'review_requested',
  'first_follow_up_overdue',
  'contact_overdue',
  'sessions_past_cap',
  'sessions_near_cap',
  'relapse_plan_due',
  'lapsed',
];

export const sortFlags = (flags: readonly RegistryFlag[]): RegistryFlag[] =>
  [...flags].sort((a, b) => FLAG_ORDER.indexOf(a.kind) - FLAG_ORDER.indexOf(b.kind));
