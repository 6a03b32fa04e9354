/**
 * Which nested stack holds each route's function. Moving a function to another area replaces it
 * (a new logical id in another stack), so existing routes are pinned by id; new product areas get
 * their own stacks, each kept well under CloudFormation's 500 resources.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes, type RouteId } from '../../functions/contracts/api';
import { CORS_ALLOW_HEADERS, routeArea, type RouteArea } from '../../infra/constructs/api';
import { buildTestApp } from './support';

/** Every route that existed before the registry (issue #5), with the area it was deployed in. */
const DEPLOYED_AREAS: Record<string, RouteArea> = {
  ...Object.fromEntries(
    [
      'getMe',
      'getClinic',
      'getClinicDirectory',
      'searchPatients',
      'registerPatient',
      'getPatient',
      'submitScreening',
      'listScreenings',
      'getScreening',
      'listClinicScreenings',
      'exportPatientFhir',
      'recordRiskAssessment',
      'listRiskAssessments',
      'saveSafetyPlan',
      'getSafetyPlan',
      'getSafetySummary',
      'overrideDisposition',
      'getTriageRules',
      'publishTriageRules',
      'listPatientVisits',
      'getSessionCount',
    ].map((id) => [id, 'Care']),
  ),
  ...Object.fromEntries(
    [
      'requestHandoff',
      'listHandoffs',
      'getHandoff',
      'acceptHandoff',
      'declineHandoff',
      'cancelHandoff',
      'joinHandoffCall',
      'markHandoffJoined',
      'addHandoffParticipant',
      'endHandoff',
      'recordHandoffOutcome',
      'getHandoffSettings',
      'putHandoffSettings',
      'getHandoffMetrics',
      'getMyHandoffQueue',
      'getMyPresence',
      'setMyPresence',
      'presenceHeartbeat',
    ].map((id) => [id, 'Handoff']),
  ),
  ...Object.fromEntries(
    [
      'getClinicSchedule',
      'getMySchedule',
      'findEarliestSlots',
      'bookVisit',
      'cancelBooking',
      'rescheduleBooking',
      'recordAttendance',
      'joinVisit',
      'getScheduleMetrics',
      'listScheduleTemplates',
      'saveScheduleTemplate',
      'getSchedulingSettings',
      'saveSchedulingSettings',
    ].map((id) => [id, 'Scheduling']),
  ),
} as Record<string, RouteArea>;

const REGISTRY_ROUTES: RouteId[] = [
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
];

describe('routeArea', () => {
  it('keeps every route deployed before the registry in its area', () => {
    const areas = Object.fromEntries(
      Object.keys(DEPLOYED_AREAS).map((id) => [id, routeArea(routes[id as RouteId].path)]),
    );
    expect(areas).toEqual(DEPLOYED_AREAS);
  });

  it('puts the registry routes in the Registry area', () => {
    for (const id of REGISTRY_ROUTES) expect(routeArea(routes[id].path), id).toBe('Registry');
  });

  it('has no route it does not know: a new route is pinned here when it ships', () => {
    const known = new Set([...Object.keys(DEPLOYED_AREAS), ...REGISTRY_ROUTES]);
    const unknown = Object.keys(routes).filter(
      (id) => !known.has(id) && routeArea(routes[id as RouteId].path) !== 'Billing',
    );
    expect(unknown).toEqual([]);
  });

  it.each([
    ['/clinics/{clinicId}/billing/worksheet', 'Billing'],
    ['/clinics/{clinicId}/billing/months/{month}/close', 'Billing'],
    ['/clinics/{clinicId}/outcomes', 'Billing'],
    ['/clinics/{clinicId}/outcomes/export', 'Billing'],
    ['/me/outcomes', 'Billing'],
    ['/clinics/{clinicId}/patients/{patientId}/episodes', 'Registry'],
    ['/clinics/{clinicId}/patients/{patientId}/screenings', 'Care'],
    ['/clinics/{clinicId}/patients/{patientId}', 'Care'],
    ['/me', 'Care'],
    ['/me/caseload', 'Registry'],
    ['/review-sessions/{reviewSessionId}/join', 'Registry'],
  ] as const)('%s → %s', (path, area) => {
    expect(routeArea(path)).toBe(area);
  });
});

describe('route stacks', () => {
  let sizes: Map<string, number>;
  beforeAll(() => {
    const { stack } = buildTestApp();
    sizes = new Map(
      [...stack.api.routeStacks].map(([area, nested]) => [
        area,
        Object.keys(Template.fromStack(nested).toJSON().Resources as object).length,
      ]),
    );
  });

  it('gives each area its own nested stack, each under 400 resources', () => {
    const expected = ['Care', 'Handoff', 'Scheduling', 'Registry'];
    if (Object.values(routes).some((r) => routeArea(r.path) === 'Billing'))
      expected.push('Billing');
    expect([...sizes.keys()].sort()).toEqual(expected.sort());
    for (const [area, size] of sizes) expect(size, area).toBeLessThan(400);
  });
});

describe('CORS', () => {
  it('lets the browser send every request header a route reads', () => {
    expect(CORS_ALLOW_HEADERS).toEqual(['authorization', 'content-type', 'idempotency-key']);
  });
});
