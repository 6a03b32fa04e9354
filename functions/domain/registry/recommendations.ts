/**
 * A psychiatrist's recommendation in the PCP's inbox: sent → acknowledged → implemented or
 * declined (with a reason). Only the PCP it is addressed to moves it.
 */
import type { Recommendation, RegistrySettings } from '../../contracts/registry';
import { DomainError } from '../errors';
import { addZonedDays } from './time';

/** Still unacknowledged after the clinic's days (acknowledged or resolved ones never are). */
export const isAcknowledgementOverdue = (
  rec: Pick<Recommendation, 'status' | 'at'>,
  settings: Pick<RegistrySettings, 'recommendationAckDays'>,
  now: Date,
  timeZone = 'UTC',
): boolean =>
  rec.status === 'sent' &&
  now.getTime() > addZonedDays(rec.at, settings.recommendationAckDays, timeZone).getTime();

const assertAddressee = (rec: Recommendation, by: string) => {
  if (rec.to !== by) {
    throw DomainError.forbidden('Only the PCP this recommendation is addressed to may act on it');
  }
};

export const acknowledge = (rec: Recommendation, by: string, now: Date): Recommendation => {
  assertAddressee(rec, by);
  if (rec.status !== 'sent') {
    throw DomainError.conflict(`This recommendation is already ${rec.status}`);
  }
  return {
    ...rec,
    status: 'acknowledged',
    acknowledgedAt: now.toISOString(),
    version: rec.version + 1,
  };
};

/**
 * Implemented or declined, from sent or acknowledged. Resolving also acknowledges it: the PCP has
 * read it. A decline needs the reason (checked here too, not only by the request schema).
 * `by`, when given, must be the addressee.
 */
export const resolve = (
  rec: Recommendation,
  outcome: 'implemented' | 'declined',
  reason: string | undefined,
  now: Date,
  by?: string,
): Recommendation => {
  if (by !== undefined) assertAddressee(rec, by);
  if (rec.status !== 'sent' && rec.status !== 'acknowledged') {
    throw DomainError.conflict(`This recommendation is already ${rec.status}`);
  }
  const trimmed = reason?.trim();
  if (outcome === 'declined' && !trimmed) {
    throw DomainError.validation('A declined recommendation needs a reason', [
      { field: 'body.reason', message: 'give the reason for declining' },
    ]);
  }
  const at = now.toISOString();
  const next: Recommendation = {
    ...rec,
    status: outcome,
    acknowledgedAt: rec.acknowledgedAt ?? at,
    resolvedAt: at,
    version: rec.version + 1,
  };
  if (trimmed) next.reason = trimmed;
  else delete next.reason;
  return next;
};
