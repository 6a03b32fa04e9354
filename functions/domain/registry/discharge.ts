/**
 * Discharge rules (CLINICAL.md Part 1): goals met with a relapse-prevention plan, referred out, or
 * lapsed after the clinic's months without any service.
 */
import type { FieldIssue } from '../../contracts/common';
import type { DischargeReason, Episode, RegistrySettings } from '../../contracts/registry';
import { DomainError } from '../errors';
import { addZonedMonths, shortDate } from './time';

/**
 * What stands in the way of discharging for `body.reason` now (empty: go ahead). Discharging twice
 * is a conflict, not a field mistake.
 */
export const dischargeIssues = (
  episode: Episode,
  body: { reason: DischargeReason },
  settings: Pick<RegistrySettings, 'lapseMonths'>,
  now: Date,
  timeZone = 'UTC',
): FieldIssue[] => {
  if (episode.status === 'discharged') {
    throw DomainError.conflict('This episode is already discharged');
  }
  if (body.reason === 'goals_met' && !episode.relapsePlan) {
    return [{ field: 'body.reason', message: 'record the relapse-prevention plan first' }];
  }
  if (body.reason === 'lapsed') {
    const last = episode.lastServiceAt ?? episode.enrolledAt;
    const lapsesAt = addZonedMonths(last, settings.lapseMonths, timeZone);
    if (now.getTime() < lapsesAt.getTime()) {
      return [
        {
          field: 'body.reason',
          message: `not lapsed: the last service was on ${shortDate(last, timeZone)}, less than ${
            settings.lapseMonths
          } months ago`,
        },
      ];
    }
  }
  return [];
};
