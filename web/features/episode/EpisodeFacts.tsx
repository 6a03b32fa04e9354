import type { EpisodeView } from '@lib/contracts';
import { PAYER_LABEL } from '@lib/registry/labels';
import { formatDateTime, formatIsoDate } from '@lib/time';

/** Who, when and on what terms: the care team, the consent as documented, and the counts. */
export function EpisodeFacts({
  episode,
  nameOf,
}: {
  episode: EpisodeView;
  nameOf: (userId: string) => string;
}) {
  const { consent } = episode;
  const tz = episode.timeZone;
  return (
    <section className="card" aria-labelledby="facts-heading">
      <h2 id="facts-heading">Enrolment and care team</h2>
      <dl className="facts">
        <div>
          <dt>Referred</dt>
          <dd>
            {formatIsoDate(episode.referredOn)} by {nameOf(episode.referredBy)}
          </dd>
        </div>
        <div>
          <dt>Care manager</dt>
          <dd>{nameOf(episode.bcmId)}</dd>
        </div>
        <div>
          <dt>Billing practitioner (PCP)</dt>
          <dd>{nameOf(episode.billingPractitionerId)}</dd>
        </div>
        <div>
          <dt>Psychiatric consultant</dt>
          <dd>{nameOf(episode.psychiatristId)}</dd>
        </div>
        <div>
          <dt>Payer</dt>
          <dd>{PAYER_LABEL[episode.payer]}</dd>
        </div>
        <div>
          <dt>Last visit with the billing PCP</dt>
          <dd>
            {episode.lastSeenByBillingPractitionerOn
              ? formatIsoDate(episode.lastSeenByBillingPractitionerOn)
              : 'Not recorded'}
          </dd>
        </div>
        <div>
          <dt>Consent</dt>
          <dd>
            {consent.method === 'verbal' ? 'Verbal' : 'Written'},{' '}
            {formatDateTime(consent.obtainedAt, tz)} by {nameOf(consent.obtainedBy)}; told about the
            psychiatric consultation
            {consent.costSharingExplained ? ' and cost sharing' : ''}
          </dd>
        </div>
        <div>
          <dt>Contacts / sessions</dt>
          <dd>
            {episode.contactCount} contacts, {episode.sessionCount} sessions
          </dd>
        </div>
        <div>
          <dt>Last contact</dt>
          <dd>
            {episode.lastContactAt
              ? `${formatDateTime(episode.lastContactAt, tz)} (${episode.daysSinceLastContact ?? 0} days ago)`
              : 'No contact yet'}
          </dd>
        </div>
        <div>
          <dt>Minutes this month</dt>
          <dd data-testid="minutes-this-month">{episode.minutesThisMonth}</dd>
        </div>
        <div>
          <dt>Last psychiatric review</dt>
          <dd>
            {episode.lastPsychiatricReviewAt
              ? formatDateTime(episode.lastPsychiatricReviewAt, tz)
              : 'Not yet reviewed'}
          </dd>
        </div>
      </dl>
    </section>
  );
}
