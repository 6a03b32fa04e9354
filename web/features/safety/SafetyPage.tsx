import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError, useApi, type ApiResponse, type CallInput } from '@lib/api';
import { useClinic } from '@lib/clinic';
import { formatDateTime, formatIsoDate, isoDateIn, useNow } from '@lib/time';
import { ErrorNotice, Loading } from '@lib/ui/Status';
import {
  canReadSafety,
  canWriteSafety,
  contactsOf,
  contactsText,
  LEVEL_LABEL,
  linesOf,
  safetyKeys,
} from './safety';

type Plan = NonNullable<ApiResponse<'getSafetyPlan'>['plan']>;
type AssessmentBody = CallInput<'recordRiskAssessment'>['body'];
type PlanBody = CallInput<'saveSafetyPlan'>['body'];

/** Field issues of a refused save, listed under the form ("body.followUp.date: must be after …"). */
function FieldIssues({ error }: { error: unknown }) {
  if (!error) return null;
  if (!isApiError(error) || error.fields.length === 0) return <ErrorNotice error={error} />;
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{error.message}</p>
      <ul>
        {error.fields.map((f) => (
          <li key={f.field}>
            {f.field.replace(/^body\./, '')}: {f.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The full safety record: risk assessments and the Stanley-Brown plan (pcp, bcm, psychiatrist). */
export function SafetyPage() {
  const { patientId = '' } = useParams();
  const { role } = useClinic();
  if (!canReadSafety(role)) {
    return (
      <>
        <h1>Safety record</h1>
        <p>Your role sees the safety summary on the patient page.</p>
        <Link to=".." relative="path">
          Back to the patient
        </Link>
      </>
    );
  }
  return (
    <>
      <title>Safety record — Behavioral health consult</title>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to=".." relative="path">
          Patient
        </Link>
      </nav>
      <h1>Safety record</h1>
      <Assessments patientId={patientId} writable={canWriteSafety(role)} />
      <PlanSection patientId={patientId} writable={canWriteSafety(role)} />
    </>
  );
}

function Finding({
  label,
  value,
  onChange,
}: {
  label: string;
  value: { present: boolean; detail: string };
  onChange: (v: { present: boolean; detail: string }) => void;
}) {
  const id = `finding-${label.replace(/\W/g, '')}`;
  return (
    <div className="field">
      <label>
        <input
          type="checkbox"
          checked={value.present}
          onChange={(e) => onChange({ ...value, present: e.target.checked })}
        />{' '}
        {label}
      </label>
      <input
        id={id}
        type="text"
        aria-label={`${label}: details`}
        value={value.detail}
        onChange={(e) => onChange({ ...value, detail: e.target.value })}
      />
    </div>
  );
}

const FINDINGS = [
  ['ideation', 'Suicidal ideation'],
  ['plan', 'Plan'],
  ['means', 'Access to lethal means'],
  ['intent', 'Intent'],
  ['behaviours', 'Suicidal or self-harm behaviours'],
] as const;
type FindingKey = (typeof FINDINGS)[number][0];

function Assessments({ patientId, writable }: { patientId: string; writable: boolean }) {
  const api = useApi();
  const { clinicId, timeZone } = useClinic();
  const list = useQuery({
    queryKey: safetyKeys.assessments(clinicId, patientId),
    queryFn: ({ signal }) =>
      api.call('listRiskAssessments', {
        params: { clinicId, patientId },
        query: { limit: 10 },
        signal,
      }),
  });
  return (
    <section className="card" aria-labelledby="assessments-heading">
      <h2 id="assessments-heading">Risk assessments</h2>
      {list.isPending && <Loading label="Loading assessments…" />}
      {list.isError && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.items.length === 0 && <p>No risk assessment recorded.</p>}
      {list.data && list.data.items.length > 0 && (
        <ul>
          {list.data.items.map((a) => (
            <li key={a.assessmentId}>
              <strong>{LEVEL_LABEL[a.level]}</strong> — {formatDateTime(a.assessedAt, timeZone)}:{' '}
              {a.justification} Disposition: {a.disposition}. Follow-up{' '}
              {formatIsoDate(a.followUp.date)}: {a.followUp.plan}
            </li>
          ))}
        </ul>
      )}
      {writable && <AssessmentForm patientId={patientId} />}
    </section>
  );
}

function AssessmentForm({ patientId }: { patientId: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { clinicId, timeZone } = useClinic();
  const today = isoDateIn(useNow(), timeZone);
  const [findings, setFindings] = useState<
    Record<FindingKey, { present: boolean; detail: string }>
  >({
    ideation: { present: false, detail: '' },
    plan: { present: false, detail: '' },
    means: { present: false, detail: '' },
    intent: { present: false, detail: '' },
    behaviours: { present: false, detail: '' },
  });
  const [riskFactors, setRiskFactors] = useState('');
  const [protectiveFactors, setProtectiveFactors] = useState('');
  const [level, setLevel] = useState<AssessmentBody['level']>('low');
  const [justification, setJustification] = useState('');
  const [notified, setNotified] = useState('');
  const [disposition, setDisposition] = useState('');
  const [followUpDate, setFollowUpDate] = useState('');
  const [followUpPlan, setFollowUpPlan] = useState('');
  const save = useMutation({
    mutationFn: (body: AssessmentBody) =>
      api.call('recordRiskAssessment', { params: { clinicId, patientId }, body }),
    onSuccess: () =>
      void queryClient.invalidateQueries({ queryKey: safetyKeys.all(clinicId, patientId) }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const at = new Date().toISOString();
    save.mutate({
      ...findings,
      riskFactors: linesOf(riskFactors),
      protectiveFactors: linesOf(protectiveFactors),
      level,
      justification,
      // "Name, role" per line, notified now.
      notified: contactsOf(notified).map((c) => ({ who: c.name, role: c.phone ?? '', at })),
      disposition,
      followUp: { date: followUpDate, plan: followUpPlan },
    });
  };
  return (
    <form onSubmit={submit} aria-labelledby="new-assessment-heading">
      <h3 id="new-assessment-heading">Record a risk assessment</h3>
      {FINDINGS.map(([key, label]) => (
        <Finding
          key={key}
          label={label}
          value={findings[key]}
          onChange={(v) => setFindings({ ...findings, [key]: v })}
        />
      ))}
      <TextArea label="Risk factors (one per line)" value={riskFactors} onChange={setRiskFactors} />
      <TextArea
        label="Protective factors (one per line)"
        value={protectiveFactors}
        onChange={setProtectiveFactors}
      />
      <div className="field">
        <label htmlFor="risk-level">Overall risk level</label>
        <select
          id="risk-level"
          value={level}
          onChange={(e) => setLevel(e.target.value as AssessmentBody['level'])}
        >
          <option value="low">Low</option>
          <option value="moderate">Moderate</option>
          <option value="high">High</option>
        </select>
      </div>
      <TextArea
        label="Clinical justification (required)"
        value={justification}
        onChange={setJustification}
      />
      <TextArea
        label="Who was notified (“name, role” per line)"
        value={notified}
        onChange={setNotified}
      />
      <TextArea label="Disposition" value={disposition} onChange={setDisposition} />
      <div className="field">
        <label htmlFor="follow-up-date">Follow-up date (after today)</label>
        <input
          id="follow-up-date"
          type="date"
          min={today}
          required
          value={followUpDate}
          onChange={(e) => setFollowUpDate(e.target.value)}
        />
      </div>
      <TextArea label="Follow-up plan" value={followUpPlan} onChange={setFollowUpPlan} />
      <FieldIssues error={save.error} />
      {save.isSuccess && <p role="status">Assessment recorded.</p>}
      <button type="submit" className="button button-primary" disabled={save.isPending}>
        {save.isPending ? 'Saving…' : 'Record assessment'}
      </button>
    </form>
  );
}

function TextArea({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const id = `ta-${label.replace(/\W/g, '').slice(0, 24)}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={3} value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

const PLAN_SECTIONS = [
  ['warningSigns', '1. Warning signs'],
  ['internalCoping', '2. Internal coping strategies'],
  ['distractionPeopleAndPlaces', '3. People and places that provide distraction'],
  ['peopleWhoCanHelp', '4. People I can ask for help (“name, phone” per line)'],
  ['professionalsAndCrisisLines', '5. Professionals and crisis lines (“name, phone” per line)'],
  ['meansSafety', '6. Making the environment safe'],
  ['reasonsForLiving', 'Reasons for living (optional)'],
] as const;
type SectionKey = (typeof PLAN_SECTIONS)[number][0];

const textsOf = (plan: Plan | null): Record<SectionKey, string> => ({
  warningSigns: plan?.warningSigns.join('\n') ?? '',
  internalCoping: plan?.internalCoping.join('\n') ?? '',
  distractionPeopleAndPlaces: plan?.distractionPeopleAndPlaces.join('\n') ?? '',
  peopleWhoCanHelp: contactsText(plan?.peopleWhoCanHelp ?? []),
  professionalsAndCrisisLines: contactsText(plan?.professionalsAndCrisisLines ?? []),
  meansSafety: plan?.meansSafety.join('\n') ?? '',
  reasonsForLiving: plan?.reasonsForLiving?.join('\n') ?? '',
});

function PlanSection({ patientId, writable }: { patientId: string; writable: boolean }) {
  const api = useApi();
  const { clinicId, timeZone } = useClinic();
  const current = useQuery({
    queryKey: safetyKeys.plan(clinicId, patientId),
    queryFn: ({ signal }) =>
      api.call('getSafetyPlan', { params: { clinicId, patientId }, query: {}, signal }),
  });
  const plan = current.data?.plan ?? null;
  return (
    <section className="card" aria-labelledby="plan-heading">
      <h2 id="plan-heading">Safety plan</h2>
      {current.isPending && <Loading label="Loading safety plan…" />}
      {current.isError && (
        <ErrorNotice error={current.error} onRetry={() => void current.refetch()} />
      )}
      {current.isSuccess && (
        <>
          <p>
            {plan
              ? `Version ${plan.version}, updated ${formatDateTime(plan.updatedAt, timeZone)}, reviewed ${formatDateTime(plan.reviewedAt, timeZone)}.`
              : 'No safety plan yet.'}{' '}
            {plan && <Link to="print">Print the safety plan</Link>}
          </p>
          {writable && <PlanForm key={plan?.version ?? 0} patientId={patientId} plan={plan} />}
        </>
      )}
    </section>
  );
}

function PlanForm({ patientId, plan }: { patientId: string; plan: Plan | null }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { clinicId } = useClinic();
  const [texts, setTexts] = useState(textsOf(plan));
  const save = useMutation({
    mutationFn: (body: PlanBody) =>
      api.call('saveSafetyPlan', { params: { clinicId, patientId }, body }),
    onSuccess: () =>
      void queryClient.invalidateQueries({ queryKey: safetyKeys.all(clinicId, patientId) }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const reasons = linesOf(texts.reasonsForLiving);
    save.mutate({
      expectedVersion: plan?.version ?? 0,
      warningSigns: linesOf(texts.warningSigns),
      internalCoping: linesOf(texts.internalCoping),
      distractionPeopleAndPlaces: linesOf(texts.distractionPeopleAndPlaces),
      peopleWhoCanHelp: contactsOf(texts.peopleWhoCanHelp),
      professionalsAndCrisisLines: contactsOf(texts.professionalsAndCrisisLines).map((c) => ({
        name: c.name,
        phone: c.phone ?? '',
      })),
      meansSafety: linesOf(texts.meansSafety),
      ...(reasons.length > 0 ? { reasonsForLiving: reasons } : {}),
    });
  };
  return (
    <form onSubmit={submit} aria-label="Edit the safety plan">
      {PLAN_SECTIONS.map(([key, label]) => (
        <TextArea
          key={key}
          label={label}
          value={texts[key]}
          onChange={(value) => setTexts({ ...texts, [key]: value })}
        />
      ))}
      <p className="hint">The 988 Suicide &amp; Crisis Lifeline is always added to section 5.</p>
      <FieldIssues error={save.error} />
      {isApiError(save.error) && save.error.code === 'conflict' && (
        <button
          type="button"
          className="button"
          onClick={() =>
            void queryClient.invalidateQueries({ queryKey: safetyKeys.plan(clinicId, patientId) })
          }
        >
          Reload the current version
        </button>
      )}
      <button type="submit" className="button button-primary" disabled={save.isPending}>
        {save.isPending
          ? 'Saving…'
          : plan
            ? `Save version ${plan.version + 1}`
            : 'Save the first version'}
      </button>
    </form>
  );
}
