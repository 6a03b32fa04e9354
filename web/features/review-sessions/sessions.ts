import type { ReviewSession } from '@lib/contracts';
import { formatDateTime } from '@lib/time';

export const sessionKeys = {
  mine: ['me', 'review-sessions'] as const,
  one: (reviewSessionId: string) => ['review-session', reviewSessionId] as const,
};

/** Sessions span clinics and zones: times are shown in the viewer's own zone, named. */
export const localZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export const formatWhen = (iso: string, timeZone: string): string => formatDateTime(iso, timeZone);

export const sessionState = (session: ReviewSession): string =>
  session.endedAt
    ? `Ended${session.minutes ? ` (${session.minutes} min)` : ''}`
    : session.startedAt
      ? 'In progress'
      : 'Scheduled';
