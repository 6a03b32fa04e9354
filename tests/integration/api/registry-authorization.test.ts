/**
 * The role × own/other clinic walk of every registry route (the generic walk in
 * authorization.test.ts leaves them out: most need an episode to exist). Allowed → the route's
 * success status; a member whose role lacks the action → 403 and a `denied` audit event of that
 * very request; clinic B (where no clinic A user is a member) → 404.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { routes, type RouteId } from '../../../functions/contracts/api';
import { Role } from '../../../functions/contracts/common';
import type { EpisodeView } from '../../../functions/contracts/registry';
import { roleAllows, type Action } from '../../../functions/domain/access/policy';
import { invoke, type Call, type Reply } from '../../support/api';
import { userFor } from '../../support/network';
import {
  CLINIC_A,
  CLINIC_B,
  auditOfDay,
  enrol,
  enrolmentBody,
  enrolmentBodyB,
  episodeParams,
  useRegistryApi,
} from './registry-fixtures';

const suite = useRegistryApi();
const fx = { own: {} as EpisodeView, other: {} as EpisodeView };

beforeAll(async () => {
  fx.own = await enrol(suite.patientA);
  fx.other = await enrol(suite.patientB, { clinicId: CLINIC_B });
});

/** R3's routes and the action each is authorized by (null: a cross-clinic /me view). */
const episodeRoutes = {
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
  getMyCaseload: null,
} as const satisfies Partial<Record<RouteId, Action | null>>;
type EpisodeRoute = keyof typeof episodeRoutes;

const planBody = (episode: EpisodeView) => ({
  expectedVersion: episode.version,
  payer: 'medicare',
  diagnoses: [{ code: 'F33.1', label: 'Depression, recurrent, moderate' }],
  target: 'PHQ-9 below 5',
  modality: ['behavioral_activation'],
  medications: [{ name: 'sertraline', dose: '50 mg' }],
});

const bodies: Partial<Record<EpisodeRoute, unknown>> = {
  putRegistrySettings: { caseloadWarningPerFte: 75 },
  logActivity: { kind: 'call', minutes: 5 },
  requestPsychiatricReview: { question: 'Not improving on sertraline: increase or switch?' },
  saveRelapsePlan: {
    whatHelps: ['evening walks'],
    warningSigns: ['sleeping past noon'],
    whomToCall: ['sister', '988'],
  },
  dischargeEpisode: { reason: 'referred_out' },
};

/** A clinic A call of the route, with what it needs to succeed for an allowed role. */
const ownCall = async (routeId: EpisodeRoute): Promise<Call> => {
  switch (routeId) {
    case 'getRegistrySettings':
    case 'putRegistrySettings':
    case 'getDiagnosisCatalog':
      return { params: { clinicId: CLINIC_A }, body: bodies[routeId] };
    case 'enrolPatient':
      return {
        params: { clinicId: CLINIC_A, patientId: await suite.patient() },
        body: enrolmentBody(),
      };
    case 'listEpisodes':
      return { params: { clinicId: CLINIC_A, patientId: suite.patientA } };
    case 'updateEpisodePlan': {
      // A version-checked write: each role edits an episode of its own.
      const episode = await enrol(await suite.patient());
      return { params: episodeParams(episode), body: planBody(episode) };
    }
    case 'dischargeEpisode': {
      const episode = await enrol(await suite.patient());
      return { params: episodeParams(episode), body: bodies[routeId] };
    }
    case 'getMyCaseload':
      return { query: {} };
    default:
      return { params: episodeParams(fx.own), body: bodies[routeId] };
  }
};

/** The same call aimed at clinic B's resources. */
const otherCall = (routeId: EpisodeRoute): Call => {
  switch (routeId) {
    case 'getRegistrySettings':
    case 'putRegistrySettings':
    case 'getDiagnosisCatalog':
      return { params: { clinicId: CLINIC_B }, body: bodies[routeId] };
    case 'enrolPatient':
      return { params: { clinicId: CLINIC_B, patientId: suite.patientB }, body: enrolmentBodyB() };
    case 'listEpisodes':
      return { params: { clinicId: CLINIC_B, patientId: suite.patientB } };
    case 'updateEpisodePlan':
      return { params: episodeParams(fx.other), body: planBody(fx.other) };
    case 'getMyCaseload':
      return { query: { clinicId: CLINIC_B } };
    default:
      return { params: episodeParams(fx.other), body: bodies[routeId] };
  }
};

const CARE_TEAM: readonly Role[] = ['pcp', 'bcm', 'psychiatrist'];

const expectDeniedAudit = async (reply: Reply, actorId: string, action: Action) => {
  const requestId = reply.body.error?.requestId;
  expect(requestId).toBeDefined();
  const events = (await auditOfDay(suite, CLINIC_A)).filter((e) => e.requestId === requestId);
  expect(events).toMatchObject([{ actorId, action, outcome: 'denied' }]);
};

const cases = (Object.keys(episodeRoutes) as EpisodeRoute[]).flatMap((routeId) =>
  Role.options.map((role) => ({ routeId, role })),
);

describe('registry episode routes × role × own/other clinic go through the policy', () => {
  it.each(cases)('$routeId as $role', async ({ routeId, role }) => {
    const sub = userFor(role);
    const action = episodeRoutes[routeId];
    const own = await invoke(routeId, { ...(await ownCall(routeId)), sub });
    const allowed = action === null ? CARE_TEAM.includes(role) : roleAllows(role, action);
    if (allowed) {
      expect(own.status, JSON.stringify(own.body)).toBe(routes[routeId].successStatus);
    } else {
      expect(own.status, JSON.stringify(own.body)).toBe(403);
      expect(own.body.error?.code).toBe('forbidden');
      // A /me view involves no clinic: its refusal is audited nowhere.
      if (action !== null) await expectDeniedAudit(own, sub, action);
    }
    const elsewhere = await invoke(routeId, { ...otherCall(routeId), sub });
    expect(elsewhere.status, JSON.stringify(elsewhere.body)).toBe(404);
    expect(elsewhere.body.error?.code).toBe('not_found');
  });

  it("answers 404 for clinic B's episode asked for under clinic A", async () => {
    const reply = await invoke('getEpisode', {
      sub: userFor('pcp'),
      params: { ...episodeParams(fx.other), clinicId: CLINIC_A },
    });
    expect(reply.status).toBe(404);
  });

  it('refuses a caseload filtered to a clinic where the role keeps none, audited there', async () => {
    const reply = await invoke('getMyCaseload', {
      sub: userFor('pcp'),
      query: { clinicId: CLINIC_A },
    });
    expect(reply.status).toBe(403);
    await expectDeniedAudit(reply, userFor('pcp'), 'registry.caseload');
  });
});

// @walk:review (R4: the review, recommendation, message, note and session routes)

/** R4's clinic-scoped routes and the action each is authorized by (null: a cross-clinic /me view). */
const reviewRoutes = {
  getCaseSummary: 'registry.read',
  recordPsychiatricReview: 'registry.review',
  listRecommendations: 'registry.read',
  acknowledgeRecommendation: 'recommendation.respond',
  resolveRecommendation: 'recommendation.respond',
  listPatientMessages: 'message.read',
  sendPatientMessage: 'message.send',
  listRestrictedNotes: 'note.restricted.list',
  createRestrictedNote: 'note.restricted.write',
  authorizeRestrictedNote: 'note.restricted.write',
  getMyPanel: null,
  getMyInbox: null,
} as const satisfies Partial<Record<RouteId, Action | null>>;
type ReviewRoute = keyof typeof reviewRoutes;

/** Clinic B's team (registry-fixtures.ts PCP_B, BCM_B, PSYCHIATRIST_B). */
const teamB = { pcp: 'user-pcp-b', bcm: 'user-bcm-b', psychiatrist: 'user-psychiatrist-b' };
const review = { other: { rec: '', note: '', session: '' } };

const patientOf = (episode: EpisodeView) => ({
  clinicId: episode.clinicId,
  patientId: episode.patientId,
});

/** A review with one recommendation; returns the new recommendation's route params. */
const freshRecommendation = async (episode: EpisodeView, sub: string) => {
  const reply = await invoke('recordPsychiatricReview', {
    sub,
    params: episodeParams(episode),
    body: { minutes: 5, recommendations: [{ kind: 'therapy_change', text: 'Add PST.' }] },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  const [newest] = reply.body.recommendations as { recommendationId: string }[];
  return { ...patientOf(episode), recommendationId: String(newest?.recommendationId) };
};

const freshNote = async (episode: EpisodeView, sub: string) => {
  const reply = await invoke('createRestrictedNote', {
    sub,
    params: patientOf(episode),
    body: { kind: 'part2_sud', body: 'Discussed alcohol use and the treatment program.' },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return String(reply.body.noteId);
};

const freshSession = async (sub: string, attendees: string[]) => {
  const reply = await invoke('createReviewSession', {
    sub,
    body: { scheduledFor: '2026-11-25T18:00:00.000Z', attendees },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return String(reply.body.reviewSessionId);
};

const reviewBodies: Partial<Record<ReviewRoute, unknown>> = {
  recordPsychiatricReview: { minutes: 5, summary: 'Stable; continue.' },
  resolveRecommendation: { outcome: 'implemented' },
  sendPatientMessage: { body: 'Checking in before Friday.' },
  createRestrictedNote: { kind: 'psychotherapy', body: 'Session content.' },
  authorizeRestrictedNote: { scope: 'Share with the care team' },
};

const reviewOwnCall = async (routeId: ReviewRoute, role: Role): Promise<Call> => {
  const body = reviewBodies[routeId];
  switch (routeId) {
    case 'getCaseSummary':
    case 'recordPsychiatricReview':
      return { params: episodeParams(fx.own), body };
    case 'acknowledgeRecommendation':
    case 'resolveRecommendation':
      // Addressed to clinic A's PCP (the billing practitioner of every A enrolment).
      return { params: await freshRecommendation(fx.own, userFor('psychiatrist')), body };
    case 'authorizeRestrictedNote': {
      // The author records it: a role that may write notes gets a note of its own.
      const author = roleAllows(role, 'note.restricted.write') ? userFor(role) : userFor('pcp');
      const noteId = await freshNote(fx.own, author);
      return { params: { ...patientOf(fx.own), noteId }, body };
    }
    case 'getMyPanel':
    case 'getMyInbox':
      return { query: {} };
    default:
      return { params: patientOf(fx.own), body };
  }
};

const reviewOtherCall = (routeId: ReviewRoute): Call => {
  const body = reviewBodies[routeId];
  switch (routeId) {
    case 'getCaseSummary':
    case 'recordPsychiatricReview':
      return { params: episodeParams(fx.other), body };
    case 'acknowledgeRecommendation':
    case 'resolveRecommendation':
      return {
        params: { ...patientOf(fx.other), recommendationId: review.other.rec },
        body,
      };
    case 'authorizeRestrictedNote':
      return { params: { ...patientOf(fx.other), noteId: review.other.note }, body };
    case 'getMyPanel':
      return { query: { clinicId: CLINIC_B } };
    case 'getMyInbox':
      return { query: { status: 'all' } };
    default:
      return { params: patientOf(fx.other), body };
  }
};

const reviewCases = (Object.keys(reviewRoutes) as ReviewRoute[]).flatMap((routeId) =>
  Role.options.map((role) => ({ routeId, role })),
);

describe('registry review routes × role × own/other clinic go through the policy', () => {
  beforeAll(async () => {
    review.other.rec = (await freshRecommendation(fx.other, teamB.psychiatrist)).recommendationId;
    review.other.note = await freshNote(fx.other, teamB.pcp);
    review.other.session = await freshSession(teamB.psychiatrist, [teamB.bcm]);
  });

  it.each(reviewCases)('$routeId as $role', async ({ routeId, role }) => {
    const sub = userFor(role);
    const action = reviewRoutes[routeId];
    const own = await invoke(routeId, { ...(await reviewOwnCall(routeId, role)), sub });
    const allowed = action === null ? CARE_TEAM.includes(role) : roleAllows(role, action);
    if (allowed) {
      expect(own.status, JSON.stringify(own.body)).toBe(routes[routeId].successStatus);
    } else {
      expect(own.status, JSON.stringify(own.body)).toBe(403);
      expect(own.body.error?.code).toBe('forbidden');
      if (action !== null) await expectDeniedAudit(own, sub, action);
    }
    const elsewhere = await invoke(routeId, { ...reviewOtherCall(routeId), sub });
    if (routeId === 'getMyInbox') {
      // No clinic in the request: clinic B's recommendation simply never shows.
      expect(elsewhere.status).toBe(own.status);
      expect(JSON.stringify(elsewhere.body)).not.toContain(review.other.rec);
      return;
    }
    expect(elsewhere.status, JSON.stringify(elsewhere.body)).toBe(404);
    expect(elsewhere.body.error?.code).toBe('not_found');
  });

  /**
   * Sessions belong to no clinic: the psychiatrist runs them, attendees take part, anyone else is
   * told nothing exists (404); a role that is no part of the care team is refused the /me list.
   */
  const sessionRoles = Role.options.map((role) => ({ role }));
  const runs = (role: Role) => roleAllows(role, 'review.session.run');
  const takesPart = (role: Role) => role === 'psychiatrist' || role === 'bcm';

  it.each(sessionRoles)('review sessions as $role', async ({ role }) => {
    const sub = userFor(role);
    const attendees = [userFor('bcm')];
    const created = await invoke('createReviewSession', {
      sub,
      body: { scheduledFor: '2026-11-26T18:00:00.000Z', attendees },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(runs(role) ? 201 : 403);
    const foreign = await invoke('createReviewSession', {
      sub,
      body: { scheduledFor: '2026-11-26T18:00:00.000Z', attendees: [teamB.bcm] },
    });
    expect(foreign.status).toBe(runs(role) ? 400 : 403);

    const listed = await invoke('listMyReviewSessions', { sub });
    expect(listed.status).toBe(CARE_TEAM.includes(role) ? 200 : 403);
    expect(JSON.stringify(listed.body)).not.toContain(review.other.session);

    const mine = await freshSession(userFor('psychiatrist'), attendees);
    const params = { reviewSessionId: mine };
    const expected = takesPart(role) ? 200 : 404;
    expect((await invoke('getReviewSession', { sub, params })).status).toBe(expected);
    expect((await invoke('joinReviewSession', { sub, params })).status).toBe(expected);
    const ended = await invoke('endReviewSession', { sub, params, body: { minutes: 30 } });
    expect(ended.status).toBe(role === 'psychiatrist' ? 200 : role === 'bcm' ? 403 : 404);

    const theirs = { reviewSessionId: review.other.session };
    expect((await invoke('getReviewSession', { sub, params: theirs })).status).toBe(404);
    expect((await invoke('joinReviewSession', { sub, params: theirs })).status).toBe(404);
    const endTheirs = await invoke('endReviewSession', {
      sub,
      params: theirs,
      body: { minutes: 30 },
    });
    expect(endTheirs.status).toBe(404);
  });
});
