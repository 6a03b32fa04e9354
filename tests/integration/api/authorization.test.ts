import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes, type RouteId } from '../../../functions/contracts/api';
import { Role } from '../../../functions/contracts/common';
import { roleAllows, type Action } from '../../../functions/domain/access/policy';
import { setDeps } from '../../../functions/platform/container';
import type { Deps } from '../../../functions/ports/context';
import { invoke, type Call } from '../../support/api';
import { freshTable } from '../../support/dynamodb';
import {
  CLINIC_A,
  CLINIC_B,
  makePatient,
  seedTwoClinics,
  testDeps,
  userFor,
  validSubmission,
} from '../../support/network';

/** The action each route is authorized by. `satisfies` makes a new route fail to compile here. */
const routeAction = {
  getMe: null,
  getClinic: 'clinic.read',
  getClinicDirectory: 'clinic.read',
  getHandoffSettings: 'clinic.read',
  putHandoffSettings: 'clinic.configure',
  searchPatients: 'patient.search',
  registerPatient: 'patient.create',
  getPatient: 'patient.read',
  submitScreening: 'screening.submit',
  listScreenings: 'screening.read',
  getScreening: 'screening.read',
  listClinicScreenings: 'screening.read',
  exportPatientFhir: 'screening.read',
  recordRiskAssessment: 'safety.write',
  listRiskAssessments: 'safety.read',
  saveSafetyPlan: 'safety.write',
  getSafetyPlan: 'safety.read',
  getSafetySummary: 'safety.summary',
  overrideDisposition: 'screening.override',
  // @actions:fhir
  // @actions:triage-admin
  getTriageRules: 'clinic.read',
  publishTriageRules: 'clinic.configure',
  // @actions:measurement
  // @actions:handoff
  requestHandoff: 'handoff.request',
  listHandoffs: 'handoff.read',
  getHandoffMetrics: 'handoff.metrics',
  getMyHandoffQueue: null,
  getMyPresence: null,
  presenceHeartbeat: null,
  // State-dependent: walked in handoff-authorization.test.ts (see handoffWalkElsewhere).
  getHandoff: 'handoff.read',
  acceptHandoff: 'handoff.respond',
  declineHandoff: 'handoff.respond',
  cancelHandoff: 'handoff.cancel',
  joinHandoffCall: 'handoff.join',
  markHandoffJoined: 'handoff.join',
  addHandoffParticipant: 'handoff.join',
  endHandoff: 'handoff.end',
  recordHandoffOutcome: 'handoff.end',
  setMyPresence: 'presence.set',
  // @actions:scheduling
  getClinicSchedule: 'schedule.read',
  getMySchedule: null,
  findEarliestSlots: 'schedule.read',
  listPatientVisits: 'schedule.read',
  getSessionCount: 'schedule.read',
  getScheduleMetrics: 'schedule.metrics',
  listScheduleTemplates: 'schedule.configure',
  saveScheduleTemplate: 'schedule.configure',
  getSchedulingSettings: 'schedule.configure',
  saveSchedulingSettings: 'schedule.configure',
  // State-dependent: walked in scheduling-authorization.test.ts (see schedulingWalkElsewhere).
  bookVisit: 'schedule.book',
  cancelBooking: 'schedule.book',
  rescheduleBooking: 'schedule.book',
  recordAttendance: 'schedule.book',
  joinVisit: 'schedule.join',
  // @actions:registry
  // Every registry route is walked in registry-authorization.test.ts (see registryWalkElsewhere):
  // most need an episode, a recommendation or a note to exist first.
  getRegistrySettings: 'registry.configure',
  putRegistrySettings: 'registry.configure',
  getDiagnosisCatalog: 'registry.enrol',
  enrolPatient: 'registry.enrol',
  listEpisodes: 'registry.read',
  getEpisode: 'registry.read',
  updateEpisodePlan: 'registry.write',
  logActivity: 'registry.write',
  listEpisodeActivities: 'registry.read',
  requestPsychiatricReview: 'registry.write',
  saveRelapsePlan: 'registry.write',
  dischargeEpisode: 'registry.write',
  recordPsychiatricReview: 'registry.review',
  getCaseSummary: 'registry.read',
  getMyCaseload: null,
  getMyPanel: null,
  getMyInbox: null,
  listRecommendations: 'registry.read',
  acknowledgeRecommendation: 'recommendation.respond',
  resolveRecommendation: 'recommendation.respond',
  listPatientMessages: 'message.read',
  sendPatientMessage: 'message.send',
  listRestrictedNotes: 'note.restricted.list',
  createRestrictedNote: 'note.restricted.write',
  authorizeRestrictedNote: 'note.restricted.write',
  createReviewSession: null,
  listMyReviewSessions: null,
  getReviewSession: null,
  joinReviewSession: null,
  endReviewSession: null,
  // @actions:billing (billing and outcome routes: walked in billing-authorization.test.ts, add
  // each id to billingWalkElsewhere too)
  getBillingSettings: 'billing.read',
  putBillingSettings: 'billing.configure',
  getClinicOutcomes: 'outcomes.read',
  getNetworkOutcomes: null,
  getBillingWorksheet: 'billing.read',
  closeBillingMonth: 'billing.close',
  createBillingAdjustment: 'billing.close',
  exportBillingMonth: 'billing.read',
} satisfies Record<RouteId, Action | null>;

let table: Awaited<ReturnType<typeof freshTable>>;
let deps: Deps;
const ids = { A: { patient: '', screening: '' }, B: { patient: '', screening: '' } };

beforeAll(async () => {
  table = await freshTable();
  deps = testDeps(table.store);
  setDeps(deps);
  const { patientA, patientB } = await seedTwoClinics(deps);
  ids.A.patient = patientA.patientId;
  ids.B.patient = patientB.patientId;
  // A screening in each clinic, submitted by that clinic's own PCP.
  const a = await invoke('submitScreening', {
    sub: userFor('pcp'),
    params: { clinicId: CLINIC_A, patientId: patientA.patientId },
    body: validSubmission(),
  });
  expect(a.status).toBe(201);
  ids.A.screening = String(a.body.screeningId);
  const b = await invoke('submitScreening', {
    sub: 'user-pcp-b',
    params: { clinicId: CLINIC_B, patientId: patientB.patientId },
    body: validSubmission(),
  });
  expect(b.status).toBe(201);
  ids.B.screening = String(b.body.screeningId);
});

afterAll(async () => {
  setDeps(undefined);
  await table.drop();
});

/** A valid body for each writing route, so an allowed call succeeds and only the policy differs. */
const exampleBodies: Partial<Record<RouteId, unknown>> = {
  registerPatient: {
    givenName: 'New',
    familyName: 'Person',
    dateOfBirth: '1990-05-05',
    sexAtBirth: 'female',
  },
  submitScreening: validSubmission(),
  recordRiskAssessment: {
    ideation: { present: true, detail: 'passive' },
    plan: { present: false },
    means: { present: false },
    intent: { present: false },
    behaviours: { present: false },
    riskFactors: [],
    protectiveFactors: ['family'],
    level: 'low',
    justification: 'Passive ideation, no plan or intent, strong supports.',
    notified: [],
    disposition: 'Outpatient follow-up with the BCM',
    followUp: { date: '2026-11-30', plan: 'BCM call' },
  },
  // Each allowed role saves the first version on a patient of its own (see freshPatientRoutes).
  saveSafetyPlan: {
    expectedVersion: 0,
    warningSigns: ['not sleeping'],
    internalCoping: ['walk'],
    distractionPeopleAndPlaces: ['church'],
    peopleWhoCanHelp: [{ name: 'Sister' }],
    professionalsAndCrisisLines: [],
    meansSafety: ['medications locked'],
  },
  // No expectedVersion: each allowed role's override replaces the previous one (kept in history).
  overrideDisposition: {
    disposition: 'in_clinic',
    reason: 'Seen in clinic today; mild symptoms, PCP and BCM will follow.',
  },
  // @bodies:fhir
  // @bodies:triage-admin
  // Admin is the only role allowed to publish, so the walk publishes once: version 1 → 2.
  publishTriageRules: {
    expectedVersion: 1,
    phq9: { pcpAddressesFrom: 5, offerBhFrom: 10, warmHandoffFrom: 15 },
    gad7: { pcpAddressesFrom: 5, offerBhFrom: 10, warmHandoffFrom: 15 },
    phq9Item9SafetyFrom: 1,
    offerBhWithinDays: 14,
    urgentWithinHours: 72,
  },
  // @bodies:measurement
  // @bodies:handoff
  putHandoffSettings: { windowMinutes: 4, safetyWindowMinutes: 2, mediaRegion: 'us-west-2' },
  // A getter: clinic A's patient id is known only once the suite has seeded it.
  get requestHandoff() {
    return { patientId: ids.A.patient, urgency: 'routine' };
  },
  // @bodies:scheduling
  saveScheduleTemplate: {
    providerId: userFor('bcm'),
    weekday: 2,
    effectiveFrom: '2026-01-01',
    blocks: [{ kind: 'intake', start: '08:00', minutes: 50 }],
  },
  saveSchedulingSettings: { warmHandoffReleaseHours: 3, sessionCap: 10, sessionReasonFrom: 12 },
};

const callFor = (routeId: RouteId, clinic: 'A' | 'B'): Call => {
  const clinicId = clinic === 'A' ? CLINIC_A : CLINIC_B;
  const params = { clinicId, patientId: ids[clinic].patient, screeningId: ids[clinic].screening };
  return { params, body: exampleBodies[routeId] };
};

/**
 * Routes whose example body can succeed only once per patient (an optimistic-concurrency write
 * from version 0): every role's own-clinic call gets a newly registered patient of clinic A, so
 * each allowed role writes a first version of its own and concurrency stays strict.
 */
const freshPatientRoutes: ReadonlySet<RouteId> = new Set<RouteId>(['saveSafetyPlan']);

const ownCallFor = async (routeId: RouteId): Promise<Call> => {
  const call = callFor(routeId, 'A');
  if (!freshPatientRoutes.has(routeId)) return call;
  const patient = makePatient(CLINIC_A, deps.ids.next(), 'Fresh');
  await deps.store.patients.create(patient, {
    eventId: deps.ids.next(),
    at: patient.createdAt,
    actorId: 'seed',
    clinicId: CLINIC_A,
    patientId: patient.patientId,
    action: 'patient.create',
    resourceType: 'patient',
    resourceId: patient.patientId,
    outcome: 'success',
  });
  return { ...call, params: { ...call.params, patientId: patient.patientId } };
};

/**
 * Handoff routes whose success depends on the handoff's state (open, live with the caller on the
 * call, accepted by the caller) or whose clinic is in the body: handoff-authorization.test.ts walks
 * them role × own/other clinic with a handoff in the state each needs.
 */
const handoffWalkElsewhere: ReadonlySet<RouteId> = new Set<RouteId>([
  'getHandoff',
  'acceptHandoff',
  'declineHandoff',
  'cancelHandoff',
  'joinHandoffCall',
  'markHandoffJoined',
  'addHandoffParticipant',
  'endHandoff',
  'recordHandoffOutcome',
  'setMyPresence',
]);

/** Booking routes need an open slot or a current booking: scheduling-authorization.test.ts. */
const schedulingWalkElsewhere: ReadonlySet<RouteId> = new Set<RouteId>([
  'bookVisit',
  'cancelBooking',
  'rescheduleBooking',
  'recordAttendance',
  'joinVisit',
]);

/** Registry routes: walked in registry-authorization.test.ts with episodes and notes in place. */
const registryWalkElsewhere: ReadonlySet<RouteId> = new Set<RouteId>([
  'getRegistrySettings',
  'putRegistrySettings',
  'getDiagnosisCatalog',
  'enrolPatient',
  'listEpisodes',
  'getEpisode',
  'updateEpisodePlan',
  'logActivity',
  'listEpisodeActivities',
  'requestPsychiatricReview',
  'saveRelapsePlan',
  'dischargeEpisode',
  'recordPsychiatricReview',
  'getCaseSummary',
  'getMyCaseload',
  'getMyPanel',
  'getMyInbox',
  'listRecommendations',
  'acknowledgeRecommendation',
  'resolveRecommendation',
  'listPatientMessages',
  'sendPatientMessage',
  'listRestrictedNotes',
  'createRestrictedNote',
  'authorizeRestrictedNote',
  'createReviewSession',
  'listMyReviewSessions',
  'getReviewSession',
  'joinReviewSession',
  'endReviewSession',
]);

/** Billing and outcome routes: walked in billing-authorization.test.ts with months and episodes in place. */
const billingWalkElsewhere: ReadonlySet<RouteId> = new Set<RouteId>([
  // @walk:billing
  'getBillingSettings',
  'putBillingSettings',
  'getClinicOutcomes',
  'getNetworkOutcomes',
  'getBillingWorksheet',
  'closeBillingMonth',
  'createBillingAdjustment',
  'exportBillingMonth',
]);

const cases = (Object.keys(routeAction) as RouteId[])
  .filter(
    (routeId) =>
      !handoffWalkElsewhere.has(routeId) &&
      !schedulingWalkElsewhere.has(routeId) &&
      !registryWalkElsewhere.has(routeId) &&
      !billingWalkElsewhere.has(routeId),
  )
  .flatMap((routeId) => Role.options.map((role) => ({ routeId, role })));

describe('every route × role × own/other clinic goes through the policy', () => {
  it.each(cases)('$routeId as $role', async ({ routeId, role }) => {
    const action = routeAction[routeId];
    const own = await invoke(routeId, { ...(await ownCallFor(routeId)), sub: userFor(role) });
    if (action === null || roleAllows(role, action)) {
      expect(own.status, JSON.stringify(own.body)).toBe(routes[routeId].successStatus);
    } else {
      expect(own.status).toBe(403);
      expect(own.body.error?.code).toBe('forbidden');
    }
    if (action !== null) {
      // Another clinic's resources: never a hint they exist.
      const other = await invoke(routeId, { ...callFor(routeId, 'B'), sub: userFor(role) });
      expect(other.status).toBe(404);
      expect(other.body.error?.code).toBe('not_found');
    }
  });

  // In AWS a read-only route's function may not write: its refusal's audit event would be a 500.
  it('gives every route that can refuse a member the grant to audit the refusal', () => {
    const refusing = (Object.keys(routeAction) as RouteId[]).filter((routeId) => {
      const action = routeAction[routeId];
      return action !== null && !Role.options.every((role) => roleAllows(role, action));
    });
    expect(refusing.filter((routeId) => !routes[routeId].writes)).toEqual([]);
  });

  it('answers 404 for clinic B patient ids requested under clinic A', async () => {
    const reply = await invoke('getPatient', {
      sub: userFor('pcp'),
      params: { clinicId: CLINIC_A, patientId: ids.B.patient },
    });
    expect(reply.status).toBe(404);
  });

  it('refuses a request without a verified subject with 401', async () => {
    const reply = await invoke('getMe', {});
    expect(reply.status).toBe(401);
    expect(reply.body.error?.code).toBe('unauthenticated');
  });

  it('records a role refusal in the clinic audit trail', async () => {
    const reply = await invoke('getPatient', {
      sub: userFor('admin'),
      params: { clinicId: CLINIC_A, patientId: ids.A.patient },
    });
    expect(reply.status).toBe(403);
    const day = deps.clock.now().toISOString().slice(0, 10);
    const audit = await deps.store.audit.listForClinicDay(CLINIC_A, day, { limit: 100 });
    expect(
      audit.items.some(
        (e) =>
          e.actorId === userFor('admin') &&
          e.action === 'patient.read' &&
          e.outcome === 'denied' &&
          e.patientId === ids.A.patient,
      ),
    ).toBe(true);
  });

  it('getMe lists only stored memberships with clinic names and zones', async () => {
    const reply = await invoke('getMe', { sub: userFor('bcm') });
    expect(reply.body).toMatchObject({
      userId: userFor('bcm'),
      displayName: 'A bcm',
      memberships: [
        {
          clinicId: CLINIC_A,
          clinicName: 'Clinic clinic-a',
          timeZone: 'America/Denver',
          role: 'bcm',
        },
      ],
    });
  });
});
