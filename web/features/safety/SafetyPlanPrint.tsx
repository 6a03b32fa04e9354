import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useApi } from '@lib/api';
import { useClinic } from '@lib/clinic';
import { usePatient } from '@lib/queries';
import { formatIsoDate } from '@lib/time';
import { ErrorNotice, Loading } from '@lib/ui/Status';
import { safetyKeys } from './safety';

const Items = ({ items }: { items: string[] }) =>
  items.length === 0 ? (
    <p className="sp-empty">—</p>
  ) : (
    <ul>
      {items.map((item, i) => (
        <li key={i}>{item}</li>
      ))}
    </ul>
  );

/** The patient's copy: one clean page with the six Stanley-Brown steps and 988. */
export function SafetyPlanPrint() {
  const { patientId = '' } = useParams();
  const api = useApi();
  const { clinicId } = useClinic();
  const patient = usePatient(clinicId, patientId);
  const current = useQuery({
    queryKey: safetyKeys.plan(clinicId, patientId),
    queryFn: ({ signal }) =>
      api.call('getSafetyPlan', { params: { clinicId, patientId }, query: {}, signal }),
  });
  if (current.isPending) return <Loading label="Loading safety plan…" />;
  if (current.isError) return <ErrorNotice error={current.error} />;
  const plan = current.data.plan;
  if (!plan) return <p>No safety plan yet.</p>;
  const name = patient.data ? `${patient.data.givenName} ${patient.data.familyName}` : '';
  const contacts = (list: { name: string; phone?: string }[]) =>
    list.map((c) => (c.phone ? `${c.name}: ${c.phone}` : c.name));
  return (
    <article className="safety-plan-print">
      <title>Safety plan</title>
      <div className="sp-actions no-print">
        <Link to=".." relative="path">
          Back
        </Link>{' '}
        <button type="button" className="button" onClick={() => window.print()}>
          Print
        </button>
      </div>
      <h1>My safety plan</h1>
      <p className="sp-meta">
        {name && `${name} · `}Version {plan.version} · reviewed{' '}
        {formatIsoDate(plan.reviewedAt.slice(0, 10))}
      </p>
      <section>
        <h2>Step 1: Warning signs that a crisis may be developing</h2>
        <Items items={plan.warningSigns} />
      </section>
      <section>
        <h2>Step 2: Things I can do on my own to take my mind off my problems</h2>
        <Items items={plan.internalCoping} />
      </section>
      <section>
        <h2>Step 3: People and places that help me feel better</h2>
        <Items items={plan.distractionPeopleAndPlaces} />
      </section>
      <section>
        <h2>Step 4: People I can ask for help</h2>
        <Items items={contacts(plan.peopleWhoCanHelp)} />
      </section>
      <section>
        <h2>Step 5: Professionals and crisis lines I can contact</h2>
        <Items items={contacts(plan.professionalsAndCrisisLines)} />
      </section>
      <section>
        <h2>Step 6: Making my environment safe</h2>
        <Items items={plan.meansSafety} />
      </section>
      {plan.reasonsForLiving && plan.reasonsForLiving.length > 0 && (
        <section>
          <h2>My reasons for living</h2>
          <Items items={plan.reasonsForLiving} />
        </section>
      )}
      <p className="sp-crisis">
        In a crisis, call or text <strong>988</strong> (Suicide &amp; Crisis Lifeline), any time. In
        an emergency, call <strong>911</strong>.
      </p>
    </article>
  );
}
