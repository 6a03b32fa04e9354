import type * as z from 'zod';
import type { CareActivity, CaseSummary, RecommendationView } from '@lib/contracts';
import {
  ACTIVITY_KIND_LABEL,
  MODALITY_LABEL,
  TREATMENT_MODALITY_LABEL,
} from '@lib/registry/labels';
import {
  NOTE_KIND_LABEL,
  RECOMMENDATION_KIND_LABEL,
  RECOMMENDATION_STATUS_LABEL,
} from '@lib/registry/review';
import { formatDateTime, formatIsoDate, formatShortDateTime } from '@lib/time';
import '@lib/registry/review.css';

type Names = (userId: string) => string;
type Episode = CaseSummary['episode'];

const RISK_LABEL = { low: 'Low', moderate: 'Moderate', high: 'High' } as const;

/** The safety picture: the registry's flag from measures and the safety record's summary. */
export function SafetySection({ summary }: { summary: CaseSummary }) {
  const { episode, safety } = summary;
  return (
    <section className="card" aria-labelledby="case-safety-heading">
      <h2 id="case-safety-heading">Safety</h2>
      {episode.safety ? (
        <p className="notice notice-safety">
          <strong>Safety flag</strong> since{' '}
          {formatDateTime(episode.safety.since, episode.timeZone)}:{' '}
          {episode.safety.trigger === 'phq9_item9'
            ? 'PHQ-9 item 9 answered above 0'
            : `C-SSRS ${episode.safety.level ?? ''}`.trim()}
          .
        </p>
      ) : (
        <p>No safety flag from the latest measures.</p>
      )}
      <dl className="facts">
        <div>
          <dt>Risk level (safety record)</dt>
          <dd>{safety.level ? RISK_LABEL[safety.level] : 'No assessment recorded'}</dd>
        </div>
        <div>
          <dt>Follow-up date</dt>
          <dd>{safety.followUpDate ? formatIsoDate(safety.followUpDate) : 'None'}</dd>
        </div>
        <div>
          <dt>Safety plan</dt>
          <dd>{safety.planVersion ? `Version ${safety.planVersion}` : 'None'}</dd>
        </div>
      </dl>
    </section>
  );
}

/** Diagnoses, target, treatment modality and current psychiatric medications. */
export function PlanSection({ episode }: { episode: Episode }) {
  return (
    <section className="card" aria-labelledby="case-plan-heading">
      <h2 id="case-plan-heading">Diagnoses and medications</h2>
      <h3>Diagnoses</h3>
      <ul>
        {episode.diagnoses.map((d) => (
          <li key={d.code}>
            <strong>{d.code}</strong> {d.label}
          </li>
        ))}
      </ul>
      <h3>Current psychiatric medications</h3>
      {episode.medications.length === 0 ? (
        <p>None recorded.</p>
      ) : (
        <ul>
          {episode.medications.map((m, i) => (
            <li key={`${m.name}-${i}`}>
              {m.name}
              {m.dose && `, ${m.dose}`}
              {m.startedOn && ` (since ${formatIsoDate(m.startedOn)})`}
            </li>
          ))}
        </ul>
      )}
      <dl className="facts">
        <div>
          <dt>Target</dt>
          <dd>{episode.target || 'None recorded'}</dd>
        </div>
        <div>
          <dt>Treatment</dt>
          <dd>
            {episode.modality.length === 0
              ? 'None recorded'
              : episode.modality.map((m) => TREATMENT_MODALITY_LABEL[m]).join(', ')}
          </dd>
        </div>
      </dl>
    </section>
  );
}

/** The episode's contacts and other activities, newest first. */
export function ContactsSection({
  activities,
  timeZone,
  names,
  now,
}: {
  activities: readonly CareActivity[];
  timeZone: string;
  names: Names;
  now: number;
}) {
  const sorted = [...activities].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
  return (
    <section className="card" aria-labelledby="case-contacts-heading">
      <h2 id="case-contacts-heading">Contacts and activities</h2>
      {sorted.length === 0 ? (
        <p>No contacts logged yet.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">
              Contacts and activities, newest first (clinic time)
            </caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col">Minutes</th>
                <th scope="col">By</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((a) => (
                <tr key={a.activityId}>
                  <th scope="row">{formatShortDateTime(a.occurredAt, timeZone, now)}</th>
                  <td>
                    {ACTIVITY_KIND_LABEL[a.kind]}
                    {a.modality && ` (${MODALITY_LABEL[a.modality].toLowerCase()})`}
                  </td>
                  <td>{a.minutes}</td>
                  <td>{names(a.performedBy)}</td>
                  <td>{a.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Recommendations already sent on this case and where each stands. */
export function RecommendationsSection({
  items,
  timeZone,
  names,
  now,
}: {
  items: readonly z.infer<typeof RecommendationView>[];
  timeZone: string;
  names: Names;
  now: number;
}) {
  return (
    <section className="card" aria-labelledby="case-recs-heading">
      <h2 id="case-recs-heading">Recommendations</h2>
      {items.length === 0 ? (
        <p>No recommendations yet.</p>
      ) : (
        <ul className="rec-list">
          {items.map((r) => (
            <li key={r.recommendationId} className="rec-item">
              <p>
                <strong>{RECOMMENDATION_KIND_LABEL[r.kind]}</strong> ·{' '}
                {formatShortDateTime(r.at, timeZone, now)} · to {names(r.to)} ·{' '}
                <span className={`rec-status rec-status-${r.status}`}>
                  {RECOMMENDATION_STATUS_LABEL[r.status]}
                </span>
                {r.overdue && <span className="rec-overdue"> · Acknowledgement overdue</span>}
              </p>
              <p className="rec-text">{r.text}</p>
              {r.reason && <p className="hint">Reason: {r.reason}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Restricted notes the patient authorized sharing with the care team (none otherwise). */
export function AuthorizedNotesSection({
  notes,
  timeZone,
  names,
  now,
}: {
  notes: CaseSummary['authorizedNotes'];
  timeZone: string;
  names: Names;
  now: number;
}) {
  if (notes.length === 0) return null;
  return (
    <section className="card" aria-labelledby="case-notes-heading">
      <h2 id="case-notes-heading">Shared restricted notes (authorized by the patient)</h2>
      <ul className="rec-list">
        {notes.map((n) => (
          <li key={n.noteId} className="rec-item">
            <p>
              <strong>{NOTE_KIND_LABEL[n.kind]}</strong> by {names(n.authorId)} on{' '}
              {formatShortDateTime(n.at, timeZone, now)}
              {n.authorization && ` · shared for: ${n.authorization.scope}`}
            </p>
            <p className="rec-text">{n.body}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
