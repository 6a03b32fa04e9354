/**
 * Enrolment in collaborative care (issue #5 "Registry"): a new episode from the PCP's referral,
 * with documented consent and the care team checked against stored memberships.
 */
import type { ClinicId, FieldIssue, Role } from '../contracts/common';
import type { Patient } from '../contracts/patients';
import type { Enrolment, Episode, EpisodeView } from '../contracts/registry';
import { clinicDate } from '../domain/calendar';
import { DomainError } from '../domain/errors';
import { attachScreening, toEpisodeView } from '../domain/registry';
import type { Deps, RequestContext } from '../ports/context';
import { auditEvent, authorizeFor } from './access';
import { requirePatient } from './patients';
import { episodeTarget, planIssues } from './registry';
import { requireConfig } from './registry-views';

/** Screenings at most this old at enrolment give the episode its baseline. */
const BASELINE_DAYS = 30;
const DAY_MS = 86_400_000;

/** Who must hold which role in the clinic, by the enrolment field naming them. */
const TEAM: readonly { field: 'bcmId' | 'billingPractitionerId' | 'psychiatristId'; role: Role }[] =
  [
    { field: 'bcmId', role: 'bcm' },
    { field: 'billingPractitionerId', role: 'pcp' },
    { field: 'psychiatristId', role: 'psychiatrist' },
  ];

const ROLE_NAME: Record<Role, string> = {
  pcp: 'a PCP',
  ma: 'a medical assistant',
  bcm: 'a behavioral care manager',
  psychiatrist: 'a psychiatrist',
  admin: 'an admin',
  tablet: 'a tablet',
};

/** Each named person must hold the role in this clinic now (stored memberships, one Query each). */
const teamIssues = async (
  deps: Deps,
  clinicId: ClinicId,
  input: Enrolment,
  obtainedBy: string,
): Promise<FieldIssue[]> => {
  const people = [...new Set([...TEAM.map((t) => input[t.field]), obtainedBy])];
  const held = new Map(
    await Promise.all(
      people.map(
        async (userId) =>
          [
            userId,
            new Set(
              (await deps.store.memberships.listForUser(userId))
                .filter((m) => m.clinicId === clinicId)
                .map((m) => m.role),
            ),
          ] as const,
      ),
    ),
  );
  const issues: FieldIssue[] = TEAM.filter((t) => !held.get(input[t.field])?.has(t.role)).map(
    (t) => ({ field: `body.${t.field}`, message: `must be ${ROLE_NAME[t.role]} of this clinic` }),
  );
  if ((held.get(obtainedBy)?.size ?? 0) === 0) {
    issues.push({ field: 'body.consent.obtainedBy', message: 'must be a member of this clinic' });
  }
  return issues;
};

const dateIssues = (input: Enrolment, now: Date, today: string): FieldIssue[] => {
  const issues: FieldIssue[] = [];
  if (new Date(input.consent.obtainedAt) > now) {
    issues.push({ field: 'body.consent.obtainedAt', message: 'cannot be in the future' });
  }
  if (input.referredOn > today) {
    issues.push({ field: 'body.referredOn', message: `cannot be after today (${today})` });
  }
  return issues;
};

/**
 * The patient's PHQ-9 / GAD-7 of the last 30 days attach in order; the most recent of each is the
 * baseline (an older score describes the patient before the referral, not at it).
 */
const withRecentMeasures = async (deps: Deps, episode: Episode, now: Date): Promise<Episode> => {
  const since = new Date(now.getTime() - BASELINE_DAYS * DAY_MS).toISOString();
  const page = await deps.store.screenings.listForPatient(episode.clinicId, episode.patientId, {
    limit: 25,
  });
  const recent = page.items.filter((s) => s.completedAt >= since).reverse();
  let next = episode;
  for (const screening of recent) next = attachScreening(next, screening) ?? next;
  const latest = (instrument: 'phq9' | 'gad7') =>
    next.measures.find((m) => m.instrument === instrument);
  const phq9 = latest('phq9');
  const gad7 = latest('gad7');
  return {
    ...next,
    baseline: { ...(phq9 ? { phq9 } : {}), ...(gad7 ? { gad7 } : {}) },
  };
};

const newEpisode = (
  ctx: RequestContext,
  patient: Patient,
  input: Enrolment,
  callerRole: Role,
  now: Date,
): Episode => {
  const { consent, ...rest } = input;
  return {
    ...rest,
    episodeId: ctx.deps.ids.next(),
    clinicId: patient.clinicId,
    patientId: patient.patientId,
    patient: {
      givenName: patient.givenName,
      familyName: patient.familyName,
      dateOfBirth: patient.dateOfBirth,
      ...(patient.mrn === undefined ? {} : { mrn: patient.mrn }),
    },
    status: 'active',
    // A BCM enrolling records the referral of the PCP who bills the episode.
    referredBy: callerRole === 'pcp' ? ctx.actorId : input.billingPractitionerId,
    enrolledAt: now.toISOString(),
    enrolledBy: ctx.actorId,
    consent: { ...consent, obtainedBy: consent.obtainedBy ?? ctx.actorId },
    baseline: {},
    measures: [],
    contactCount: 0,
    sessionCount: 0,
    minutesByMonth: {},
    version: 1,
    updatedAt: now.toISOString(),
  };
};

export const enrolPatient = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  patientId: string,
  input: Enrolment,
): Promise<EpisodeView> => {
  const { role } = await authorizeFor(ctx, 'registry.enrol', clinicId, episodeTarget(patientId));
  const { deps } = ctx;
  const now = deps.clock.now();
  const obtainedBy = input.consent.obtainedBy ?? ctx.actorId;
  const [patient, config, active, team] = await Promise.all([
    requirePatient(ctx, clinicId, patientId),
    requireConfig(deps, clinicId),
    deps.store.episodes.getActive(clinicId, patientId),
    teamIssues(deps, clinicId, input, obtainedBy),
  ]);
  const issues = [
    ...dateIssues(input, now, clinicDate(now, config.clinic.timeZone)),
    ...team,
    ...planIssues(input, config, now),
  ];
  if (issues.length > 0) throw DomainError.validation('The enrolment has invalid fields', issues);
  if (active) {
    throw DomainError.conflict('The patient already has an active episode', [
      { field: 'body.referredOn', message: 'discharge the active episode first' },
    ]);
  }
  const episode = await withRecentMeasures(deps, newEpisode(ctx, patient, input, role, now), now);
  await deps.store.episodes.create(
    episode,
    auditEvent(ctx, clinicId, 'episode.create', episodeTarget(patientId, episode.episodeId)),
  );
  return toEpisodeView(episode, config, now);
};
