/**
 * The demo network's collaborative-care registry: seeded patients enrolled with consent,
 * diagnoses and their screenings as measures, then a few months of contacts, psychiatric reviews
 * and recommendations, so the BCM's caseload, the psychiatrist's panel and the PCPs' inboxes open
 * with every flag on show. The rows are built with the domain's own functions (applyActivity,
 * attachScreening) and written through the store's repositories, exactly as the services would.
 * The patients and their courses are in demo-episodes.ts.
 */
import { TZDate } from '@date-fns/tz';
import { ulid } from 'ulid';
import { defaultModalityOf, type CareActivity } from '../contracts/activities';
import type { ClinicId, Role } from '../contracts/common';
import type { Episode, Recommendation } from '../contracts/registry';
import type { ScreeningResult } from '../contracts/screenings';
import { clinicDate } from '../domain/calendar';
import type { AuditEvent } from '../domain/model';
import { applyActivity, attachScreening } from '../domain/registry/episode';
import type { EpisodeWriteExtras } from '../ports/registry';
import type { Store } from '../ports/store';
import { demoEpisodes, type DemoEpisode, type DemoReview } from './demo-episodes';
import { demoClinics, demoUsers } from './demo-network';

const SEED_ACTOR = 'system:seed';
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const BASELINE_DAYS = 30;
/**
 * Every contact and review is placed on this zone's clock, each patient at its own hour, so one
 * person's seeded activities never overlap even across the Denver and Chicago clinics.
 */
const SLOT_ZONE = 'America/Denver';

const userId = (username: string): string => {
  const found = demoUsers.find((u) => u.username === username);
  if (!found) throw new Error(`seed: no demo user ${username}`);
  return found.userId;
};

/** The clinic's one user holding `role` (the demo has one PCP per clinic). */
const memberOf = (clinicId: ClinicId, role: Role): string => {
  const found = demoUsers.find((u) =>
    u.memberships.some((m) => m.clinicId === clinicId && m.role === role),
  );
  if (!found) throw new Error(`seed: no ${role} in ${clinicId}`);
  return found.userId;
};

const zoneOf = (clinicId: ClinicId): string =>
  demoClinics.find((c) => c.clinicId === clinicId)?.timeZone ?? 'UTC';

/** `hour`:`minute` on the SLOT_ZONE clock, daysAgo days before now; negative = hours ago today. */
const slotTime = (now: Date, daysAgo: number, hour: number, minute = 0): Date => {
  if (daysAgo < 0) return new Date(now.getTime() + daysAgo * HOUR_MS);
  const day = new TZDate(now.getTime() - daysAgo * DAY_MS, SLOT_ZONE);
  return new Date(
    new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), hour, minute, SLOT_ZONE).getTime(),
  );
};

const audit = (episode: Episode, at: string, action: string, actorId: string): AuditEvent => ({
  eventId: ulid(new Date(at).getTime()),
  at,
  actorId,
  clinicId: episode.clinicId,
  patientId: episode.patientId,
  action,
  resourceType: 'episode',
  resourceId: episode.episodeId,
  outcome: 'success',
});

/** One change to an episode, in time order: what it does to the row and what it stores with it. */
interface Step {
  at: Date;
  action: string;
  actor: string;
  apply: (episode: Episode) => { next: Episode; extras?: EpisodeWriteExtras } | undefined;
}

const activityStep = (
  episode: Episode,
  at: Date,
  kind: CareActivity['kind'],
  minutes: number,
  performedBy: string,
  role: Role,
  note?: string,
): CareActivity => ({
  activityId: ulid(at.getTime()),
  clinicId: episode.clinicId,
  patientId: episode.patientId,
  episodeId: episode.episodeId,
  performedBy,
  role,
  kind,
  modality: defaultModalityOf(kind),
  minutes,
  occurredAt: at.toISOString(),
  recordedAt: new Date(at.getTime() + minutes * 60_000).toISOString(),
  ...(note ? { note } : {}),
  source: { manual: true },
});

const recommendationsOf = (
  episode: Episode,
  review: DemoReview,
  at: Date,
  psychiatristId: string,
  now: Date,
): Recommendation[] =>
  (review.recommendations ?? []).map((rec, i) => {
    const after = (days: number | undefined) =>
      days === undefined || at.getTime() + days * DAY_MS > now.getTime()
        ? undefined
        : new Date(at.getTime() + days * DAY_MS).toISOString();
    const acknowledgedAt = after(rec.acknowledgedAfter);
    const resolvedAt = after(rec.resolved?.after);
    const status: Recommendation['status'] =
      resolvedAt && rec.resolved ? rec.resolved.outcome : acknowledgedAt ? 'acknowledged' : 'sent';
    return {
      recommendationId: ulid(at.getTime() + i),
      clinicId: episode.clinicId,
      patientId: episode.patientId,
      episodeId: episode.episodeId,
      patientLabel: `${episode.patient.familyName}, ${episode.patient.givenName}`,
      kind: rec.kind,
      text: rec.text,
      by: psychiatristId,
      at: at.toISOString(),
      to: episode.billingPractitionerId,
      status,
      ...(acknowledgedAt ? { acknowledgedAt } : {}),
      ...(resolvedAt ? { resolvedAt } : {}),
      ...(status === 'declined' && rec.resolved?.reason ? { reason: rec.resolved.reason } : {}),
      version: (acknowledgedAt ? 1 : 0) + (resolvedAt ? 1 : 0),
    };
  });

const stepsFor = (
  demo: DemoEpisode,
  episode: Episode,
  screenings: ScreeningResult[],
  now: Date,
): Step[] => {
  const timeZone = zoneOf(demo.clinicId);
  const bcmId = episode.bcmId;
  const psychiatristId = episode.psychiatristId;
  const steps: Step[] = screenings.map((screening) => ({
    at: new Date(screening.completedAt),
    action: 'episode.measure',
    actor: SEED_ACTOR,
    apply: (e) => {
      const next = attachScreening(e, screening);
      return next ? { next } : undefined;
    },
  }));
  for (const [daysAgo, kind, minutes] of demo.contacts) {
    const at = slotTime(now, daysAgo, demo.slotHour);
    steps.push({
      at,
      action: 'episode.activity',
      actor: bcmId,
      apply: (e) => {
        const activity = activityStep(e, at, kind, minutes, bcmId, 'bcm');
        return { next: applyActivity(e, activity, timeZone), extras: { activity } };
      },
    });
  }
  for (const review of demo.reviews) {
    // Reviews run in the afternoon block, 20 minutes per patient slot.
    const at = slotTime(now, review.daysAgo, 17, (demo.slotHour - 8) * 20);
    steps.push({
      at,
      action: 'episode.review',
      actor: psychiatristId,
      apply: (e) => {
        const activity = activityStep(
          e,
          at,
          'case_review',
          review.minutes,
          psychiatristId,
          'psychiatrist',
          review.summary,
        );
        const next: Episode = {
          ...applyActivity(e, activity, timeZone),
          lastPsychiatricReviewAt: new Date(at.getTime() + review.minutes * 60_000).toISOString(),
        };
        delete next.reviewRequest;
        const recommendations = recommendationsOf(e, review, at, psychiatristId, now);
        return { next, extras: { activity, recommendations } };
      },
    });
  }
  if (demo.reviewRequest) {
    const { question } = demo.reviewRequest;
    const at = slotTime(now, demo.reviewRequest.daysAgo, demo.slotHour, 45);
    steps.push({
      at,
      action: 'episode.review-request',
      actor: bcmId,
      apply: (e) => ({
        next: { ...e, reviewRequest: { by: bcmId, at: at.toISOString(), question } },
      }),
    });
  }
  if (demo.relapsePlanDaysAgo !== undefined) {
    const at = slotTime(now, demo.relapsePlanDaysAgo, demo.slotHour, 45);
    steps.push({
      at,
      action: 'episode.relapse-plan',
      actor: bcmId,
      apply: (e) => ({
        next: {
          ...e,
          relapsePlan: {
            whatHelps: ['Morning walk with the dog', 'Calling my sister on Sundays'],
            warningSigns: ['Sleeping past noon', 'Skipping meals', 'Not answering the phone'],
            whomToCall: ['Dr. Lindqvist at Prairie Creek Medical', '988 Suicide & Crisis Lifeline'],
            updatedAt: at.toISOString(),
            updatedBy: bcmId,
          },
        },
      }),
    });
  }
  if (demo.discharge) {
    const { reason, note } = demo.discharge;
    const at = slotTime(now, demo.discharge.daysAgo, demo.slotHour, 45);
    steps.push({
      at,
      action: 'episode.discharge',
      actor: bcmId,
      apply: (e) => ({
        next: {
          ...e,
          status: 'discharged',
          discharge: { reason, at: at.toISOString(), by: bcmId, note },
        },
      }),
    });
  }
  return steps.sort((a, b) => a.at.getTime() - b.at.getTime());
};

const newEpisode = (
  demo: DemoEpisode,
  patient: { patientId: string; givenName: string; familyName: string; dateOfBirth: string },
  mrn: string,
  enrolledAt: Date,
): Episode => {
  const timeZone = zoneOf(demo.clinicId);
  const bcmId = userId(demo.bcm);
  const pcpId = memberOf(demo.clinicId, 'pcp');
  const at = enrolledAt.toISOString();
  return {
    episodeId: ulid(enrolledAt.getTime()),
    clinicId: demo.clinicId,
    patientId: patient.patientId,
    patient: {
      givenName: patient.givenName,
      familyName: patient.familyName,
      dateOfBirth: patient.dateOfBirth,
      mrn,
    },
    status: 'active',
    referredOn: clinicDate(enrolledAt, timeZone),
    referredBy: pcpId,
    enrolledAt: at,
    enrolledBy: bcmId,
    consent: {
      obtainedAt: at,
      obtainedBy: bcmId,
      method: 'verbal',
      psychiatricConsultationExplained: true,
      costSharingExplained: true,
    },
    bcmId,
    billingPractitionerId: pcpId,
    psychiatristId: memberOf(demo.clinicId, 'psychiatrist'),
    payer: 'medicare',
    lastSeenByBillingPractitionerOn: clinicDate(enrolledAt, timeZone),
    diagnoses: demo.diagnoses,
    target: demo.target,
    modality: demo.modality,
    medications: demo.medications,
    baseline: {},
    measures: [],
    contactCount: 0,
    sessionCount: 0,
    minutesByMonth: {},
    version: 1,
    updatedAt: at,
  };
};

/** Enrols one demo patient; returns the stored episode and the screenings that came after. */
const enrol = async (store: Store, demo: DemoEpisode, now: Date) => {
  const found = await store.patients.search(demo.clinicId, { mrn: demo.mrn }, { limit: 1 });
  const patient = found.items[0];
  if (!patient) throw new Error(`seed: no patient ${demo.mrn}`);
  const screenings = (
    await store.screenings.listForPatient(demo.clinicId, patient.patientId, { limit: 50 })
  ).items.sort((a, b) => a.completedAt.localeCompare(b.completedAt));
  // Enrolled an hour after the referral day's screening (10:00 clinic time).
  const enrolledAt = slotTime(now, demo.referredDaysAgo, 11);
  let episode = newEpisode(demo, patient, demo.mrn, enrolledAt);

  // As at enrolment: the last 30 days' screenings attach, the most recent of each is the baseline.
  const since = enrolledAt.getTime() - BASELINE_DAYS * DAY_MS;
  const before = screenings.filter(
    (s) => new Date(s.completedAt).getTime() <= enrolledAt.getTime(),
  );
  for (const screening of before.filter((s) => new Date(s.completedAt).getTime() >= since)) {
    episode = attachScreening(episode, screening) ?? episode;
  }
  const latest = (instrument: 'phq9' | 'gad7') =>
    episode.measures.find((m) => m.instrument === instrument);
  const [phq9, gad7] = [latest('phq9'), latest('gad7')];
  episode = { ...episode, baseline: { ...(phq9 ? { phq9 } : {}), ...(gad7 ? { gad7 } : {}) } };
  await store.episodes.create(
    episode,
    audit(episode, episode.enrolledAt, 'episode.create', episode.enrolledBy),
  );
  const later = screenings.filter((s) => new Date(s.completedAt).getTime() > enrolledAt.getTime());
  return { episode, later };
};

/** Replays one episode's care up to now, one version-checked save per step. */
const replay = async (
  store: Store,
  demo: DemoEpisode,
  enrolled: Episode,
  later: ScreeningResult[],
  now: Date,
): Promise<Episode> => {
  let episode = enrolled;
  for (const step of stepsFor(demo, episode, later, now)) {
    const change = step.apply(episode);
    if (!change) continue;
    const at = step.at.toISOString();
    const next: Episode = { ...change.next, version: episode.version + 1, updatedAt: at };
    await store.episodes.save(
      next,
      episode.version,
      audit(next, at, step.action, step.actor),
      change.extras,
    );
    episode = next;
  }
  return episode;
};

/**
 * Seeds the registry on top of the demo network's patients and screenings (seed.ts calls it
 * right after them). Returns the episodes as stored, for the seed test.
 */
export const seedDemoRegistry = async (store: Store, now = new Date()): Promise<Episode[]> => {
  // Enrolments one at a time (each moves its BCM's caseload counter); then the patients' care in
  // parallel, since each touches only its own episode.
  const enrolled: Awaited<ReturnType<typeof enrol>>[] = [];
  for (const demo of demoEpisodes) enrolled.push(await enrol(store, demo, now));
  const episodes = await Promise.all(
    demoEpisodes.map((demo, i) => {
      const { episode, later } = enrolled[i] ?? {};
      if (!episode || !later) throw new Error(`seed: ${demo.mrn} was not enrolled`);
      return replay(store, demo, episode, later, now);
    }),
  );
  await seedConversation(store, episodes, now);
  return episodes;
};

/** A message thread on the review-requested patient and next week's case-review session. */
const seedConversation = async (store: Store, episodes: Episode[], now: Date): Promise<void> => {
  const episode = episodes.find((e) => e.reviewRequest !== undefined);
  if (episode) {
    const lines: [string, Role, number, string][] = [
      [
        episode.bcmId,
        'bcm',
        2,
        'Asked Dr. Okafor to review: PHQ-9 unchanged at 15. She is taking the escitalopram daily.',
      ],
      [
        episode.billingPractitionerId,
        'pcp',
        1,
        'Thanks. Labs from last month were normal; TSH fine. Happy to follow the recommendation.',
      ],
    ];
    for (const [from, fromRole, daysAgo, body] of lines) {
      const at = slotTime(now, daysAgo, 15, 30);
      const message = {
        messageId: ulid(at.getTime()),
        clinicId: episode.clinicId,
        patientId: episode.patientId,
        from,
        fromRole,
        body,
        at: at.toISOString(),
      };
      await store.messages.create(message, {
        ...audit(episode, message.at, 'message.create', from),
        resourceType: 'message',
        resourceId: message.messageId,
      });
    }
  }
  const psychiatristId = userId('dr.okafor');
  const createdAt = now.toISOString();
  // In two days, early afternoon.
  const scheduledFor = slotTime(new Date(now.getTime() + 2 * DAY_MS), 0, 13);
  await store.reviewSessions.create({
    reviewSessionId: ulid(now.getTime()),
    psychiatristId,
    attendees: [userId('bcm.reyes'), userId('bcm.whitfield')],
    scheduledFor: scheduledFor.toISOString(),
    cases: [],
    createdAt,
    version: 0,
  });
};
