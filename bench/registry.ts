import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import { createDynamoDbClient } from '../functions/adapters/dynamodb/client';
import { activityItem } from '../functions/adapters/dynamodb/handoff-items';
import { toAttributes } from '../functions/adapters/dynamodb/items';
import { patientKeys } from '../functions/adapters/dynamodb/keys';
import {
  caseloadCountKeys,
  episodeKeys,
  recommendationKeys,
} from '../functions/adapters/dynamodb/registry-keys';
import { toRegistry } from '../functions/adapters/dynamodb/registry-items';
import { createDynamoStore } from '../functions/adapters/dynamodb/store';
import type { CareActivity } from '../functions/contracts/activities';
import type { RouteId } from '../functions/contracts/api';
import type { Role } from '../functions/contracts/common';
import type { Patient } from '../functions/contracts/patients';
import type { Episode, Recommendation } from '../functions/contracts/registry';
import { applyActivity } from '../functions/domain/registry/episode';
import type { AuditEvent } from '../functions/domain/model';
import { ensureTable, startDynamoDbLocal } from '../functions/local/dynamodb-local';
import { setDeps } from '../functions/platform/container';
import type { Store } from '../functions/ports/store';
import { invoke, type Call } from '../tests/support/api';
import { NOW, testDeps } from '../tests/support/network';
import { meterDynamo, type Meter } from './dynamo-meter';

/**
 * The registry's cross-clinic views and writes measured through the real handlers against
 * DynamoDB Local, on a network of 10 enrolled patients and again after it grows to
 * clinics × patients (100 × 100 = 10,000 by default): requests per DynamoDB command and consumed
 * RCU/WCU per call. A view whose cost followed the network's size (a scan, a per-row read) would
 * show here as a ratio far above 1.
 */
const CLINICS = Number(process.env.BENCH_REGISTRY_CLINICS ?? 100);
const PATIENTS_PER_CLINIC = Number(process.env.BENCH_REGISTRY_PATIENTS ?? 100);
const SMALL_PATIENTS = 10;
/** BCMs cover three clinics each, psychiatrists ten: the shape of a rural network. */
const BCM_CLINICS = 3;
const PSYCHIATRIST_CLINICS = 10;
/** Every fifth episode has had a psychiatric review with one recommendation to its PCP. */
const REVIEW_EVERY = 5;
/** Parallel BatchWriteItem lanes for the bulk of the network. */
const LANES = 4;
const HOUR_MS = 3_600_000;
const TABLE = 'bench-registry';
const DAY_MS = 24 * HOUR_MS;

const pad = (n: number, width = 3) => String(n).padStart(width, '0');
const clinicId = (c: number) => `bench-${pad(c)}`;
const pcpOf = (c: number) => `bench-pcp-${pad(c)}`;
const bcmOf = (c: number) => `bench-bcm-${pad(Math.floor(c / BCM_CLINICS))}`;
const psychiatristOf = (c: number) => `bench-psy-${pad(Math.floor(c / PSYCHIATRIST_CLINICS))}`;
const zoneOf = (c: number) => (c % 2 === 0 ? 'America/Denver' : 'America/Chicago');

const ids = monotonicFactory();
const idAt = (at: number) => ids(at);

const audit = (e: Episode, action: string, actorId: string, at: string): AuditEvent => ({
  eventId: idAt(new Date(at).getTime()),
  at,
  actorId,
  clinicId: e.clinicId,
  patientId: e.patientId,
  action,
  resourceType: 'episode',
  resourceId: e.episodeId,
  outcome: 'success',
});

/** The p-th patient of clinic c, enrolled 1–120 days ago with a baseline PHQ-9. */
const newEpisode = (c: number, p: number): Episode => {
  const enrolled = NOW.getTime() - (1 + ((c * 37 + p * 11) % 120)) * DAY_MS;
  const at = new Date(enrolled).toISOString();
  const patientId = idAt(enrolled - HOUR_MS);
  return {
    episodeId: idAt(enrolled),
    clinicId: clinicId(c),
    patientId,
    patient: {
      givenName: `Given${p}`,
      familyName: `Family${pad(c)}${pad(p)}`,
      dateOfBirth: '1970-01-01',
      mrn: `B${pad(c)}-${pad(p)}`,
    },
    status: 'active',
    referredOn: at.slice(0, 10),
    referredBy: pcpOf(c),
    enrolledAt: at,
    enrolledBy: bcmOf(c),
    consent: {
      obtainedAt: at,
      obtainedBy: bcmOf(c),
      method: 'verbal',
      psychiatricConsultationExplained: true,
      costSharingExplained: true,
    },
    bcmId: bcmOf(c),
    billingPractitionerId: pcpOf(c),
    psychiatristId: psychiatristOf(c),
    payer: 'medicare',
    diagnoses: [{ code: 'F32.1', label: 'Major depressive disorder, single episode, moderate' }],
    target: 'PHQ-9 below 5',
    modality: ['behavioral_activation'],
    medications: [],
    baseline: {
      phq9: { instrument: 'phq9', score: 10 + (p % 15), at, screeningId: patientId },
    },
    measures: [],
    contactCount: 0,
    sessionCount: 0,
    minutesByMonth: {},
    version: 1,
    updatedAt: at,
  };
};

const activity = (
  e: Episode,
  at: number,
  kind: CareActivity['kind'],
  performedBy: string,
  role: Role,
): CareActivity => ({
  activityId: idAt(at),
  clinicId: e.clinicId,
  patientId: e.patientId,
  episodeId: e.episodeId,
  performedBy,
  role,
  kind,
  minutes: 20,
  occurredAt: new Date(at).toISOString(),
  recordedAt: new Date(at + 20 * 60_000).toISOString(),
  source: { manual: true },
});

const patientOf = (e: Episode): Patient => ({
  patientId: e.patientId,
  clinicId: e.clinicId,
  ...e.patient,
  sexAtBirth: 'unknown',
  preferredLanguage: 'en',
  createdAt: new Date(new Date(e.enrolledAt).getTime() - HOUR_MS).toISOString(),
  createdBy: e.referredBy,
});

/** One patient's registry history: the enrolled row and each later change with what it stores. */
interface Plan {
  enrolled: Episode;
  changes: { next: Episode; activity: CareActivity; recommendations: Recommendation[] }[];
}

/**
 * The initial call (each BCM's calls 7 h apart going back from yesterday, so they never overlap)
 * and, for every fifth patient, a psychiatric review sending one recommendation (each
 * psychiatrist's reviews 2.5 h apart).
 */
const planFor = (c: number, p: number): Plan => {
  const enrolled = newEpisode(c, p);
  const bcmSlot = (c % BCM_CLINICS) * PATIENTS_PER_CLINIC + p;
  const reviewSlot =
    (c % PSYCHIATRIST_CLINICS) * Math.ceil(PATIENTS_PER_CLINIC / REVIEW_EVERY) + p / REVIEW_EVERY;
  const changes: Plan['changes'] = [];
  let e = enrolled;
  const change = (next: Episode, act: CareActivity, recommendations: Recommendation[] = []) => {
    e = { ...next, version: e.version + 1, updatedAt: act.recordedAt };
    changes.push({ next: e, activity: act, recommendations });
  };
  const call = activity(e, NOW.getTime() - DAY_MS - bcmSlot * 7 * HOUR_MS, 'call', e.bcmId, 'bcm');
  change(applyActivity(e, call, zoneOf(c)), call);
  if (p % REVIEW_EVERY === 0) {
    const at = NOW.getTime() - 2 * DAY_MS - reviewSlot * 2.5 * HOUR_MS;
    const review = activity(e, at, 'case_review', e.psychiatristId, 'psychiatrist');
    const rec: Recommendation = {
      recommendationId: idAt(at),
      clinicId: e.clinicId,
      patientId: e.patientId,
      episodeId: e.episodeId,
      patientLabel: `${e.patient.familyName}, ${e.patient.givenName}`,
      kind: 'medication_change',
      text: 'Increase sertraline to 100 mg daily; recheck PHQ-9 in 4 weeks.',
      by: e.psychiatristId,
      at: review.recordedAt,
      to: e.billingPractitionerId,
      status: p % (2 * REVIEW_EVERY) === 0 ? 'sent' : 'implemented',
      version: 0,
    };
    change({ ...applyActivity(e, review, zoneOf(c)), lastPsychiatricReviewAt: rec.at }, review, [
      rec,
    ]);
  }
  return { enrolled, changes };
};

/** Through the repositories, one transaction per step, exactly as the services write. */
const enrolThroughRepositories = async (store: Store, c: number, count: number) => {
  for (let p = 0; p < count; p += 1) {
    const { enrolled, changes } = planFor(c, p);
    const patient = patientOf(enrolled);
    await store.patients.create(patient, {
      ...audit(enrolled, 'patient.create', patient.createdBy, patient.createdAt),
      resourceType: 'patient',
    });
    await store.episodes.create(
      enrolled,
      audit(enrolled, 'episode.create', enrolled.enrolledBy, enrolled.enrolledAt),
    );
    let version = enrolled.version;
    for (const { next, activity: act, recommendations } of changes) {
      await store.episodes.save(
        next,
        version,
        audit(next, 'episode.update', act.performedBy, act.recordedAt),
        { activity: act, recommendations },
      );
      version = next.version;
    }
  }
};

/**
 * The same items in their final state, 25 per BatchWriteItem (the audit trail is left out: no
 * view reads it). The items are built with the adapters' own key and record functions.
 */
const itemsOf = ({ enrolled, changes }: Plan): Record<string, unknown>[] => {
  const e = changes.at(-1)?.next ?? enrolled;
  const patient = toAttributes('patient', patientOf(e));
  const { clinicId, patientId, episodeId } = e;
  return [
    { ...patient, ...patientKeys.item(clinicId, patientId), ...patientKeys.byName(patient) },
    {
      ...toAttributes('mrn', { clinicId, patientId }),
      ...patientKeys.mrn(clinicId, e.patient.mrn ?? ''),
    },
    {
      ...toRegistry('episode', e),
      ...episodeKeys.item(clinicId, patientId, episodeId),
      ...episodeKeys.indexes(e),
    },
    {
      ...toRegistry('episode-guard', { clinicId, patientId, episodeId }),
      ...episodeKeys.activeGuard(clinicId, patientId),
    },
    ...changes.map((c) => activityItem(c.activity)),
    ...changes.flatMap((c) =>
      c.recommendations.map((r) => ({
        ...toRegistry('recommendation', r),
        ...recommendationKeys.item(r.clinicId, r.patientId, r.recommendationId),
        ...recommendationKeys.indexes(r),
      })),
    ),
  ];
};

const batchWrite = async (client: DynamoDBDocumentClient, items: Record<string, unknown>[]) => {
  for (let i = 0; i < items.length; i += 25) {
    let pending = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    for (let round = 0; pending.length > 0; round += 1) {
      if (round > 8) throw new Error('bench: BatchWriteItem left items unprocessed');
      const out = await client.send(new BatchWriteCommand({ RequestItems: { [TABLE]: pending } }));
      pending = (out.UnprocessedItems?.[TABLE] ?? []) as typeof pending;
    }
  }
};

/** Every clinic's remaining patients in parallel lanes, then each BCM's caseload counter. */
const enrolInBulk = async (client: DynamoDBDocumentClient, skip: (c: number) => number) => {
  const lane = async (index: number) => {
    for (let c = index; c < CLINICS; c += LANES) {
      const items: Record<string, unknown>[] = [];
      for (let p = skip(c); p < PATIENTS_PER_CLINIC; p += 1) items.push(...itemsOf(planFor(c, p)));
      await batchWrite(client, items);
    }
  };
  await Promise.all(Array.from({ length: LANES }, (_, i) => lane(i)));
  const active = new Map<string, number>();
  for (let c = 0; c < CLINICS; c += 1) {
    active.set(bcmOf(c), (active.get(bcmOf(c)) ?? 0) + PATIENTS_PER_CLINIC);
  }
  await batchWrite(
    client,
    [...active].map(([userId, activeCount]) => ({
      ...toRegistry('caseload-count', { userId, activeCount }),
      ...caseloadCountKeys.item(userId),
      ...caseloadCountKeys.index(userId),
    })),
  );
};

const seedNetwork = async (store: Store) => {
  const createdAt = NOW.toISOString();
  const people = new Map<string, { clinicId: string; role: Role }[]>();
  for (let c = 0; c < CLINICS; c += 1) {
    await store.clinics.put({
      clinicId: clinicId(c),
      networkId: 'bench',
      name: `Bench clinic ${pad(c)}`,
      timeZone: zoneOf(c),
      integrationModel: 'collaborative-care',
      triageRuleVersion: 1,
      createdAt,
    });
    for (const [userId, role] of [
      [pcpOf(c), 'pcp'],
      [bcmOf(c), 'bcm'],
      [psychiatristOf(c), 'psychiatrist'],
    ] as const) {
      people.set(userId, [...(people.get(userId) ?? []), { clinicId: clinicId(c), role }]);
    }
  }
  for (const [userId, memberships] of people) {
    await store.users.put({
      userId,
      displayName: userId,
      email: `${userId}@bench.invalid`,
      createdAt,
    });
    for (const m of memberships) await store.memberships.put({ userId, createdAt, ...m });
  }
};

export interface CallCost {
  requests: Record<string, number>;
  total: number;
  rcu: number;
  wcu: number;
}
export interface RegistryBench {
  clinics: number;
  patients: { small: number; large: number };
  seedMs: number;
  small: Record<string, CallCost>;
  large: Record<string, CallCost>;
}

/** The calls, each as the person who makes it, on clinic 0's first patient. */
const measure = async (meter: Meter, target: Episode, round: number) => {
  const params = {
    clinicId: target.clinicId,
    patientId: target.patientId,
    episodeId: target.episodeId,
  };
  const calls: [RouteId, Call][] = [
    ['getMyCaseload', { sub: bcmOf(0) }],
    ['getMyPanel', { sub: psychiatristOf(0) }],
    ['getMyInbox', { sub: pcpOf(0) }],
    ['getCaseSummary', { sub: psychiatristOf(0), params }],
    [
      'logActivity',
      {
        sub: bcmOf(0),
        params,
        // Each round an hour apart within today: never overlapping the seeded calls or each other.
        body: {
          kind: 'call',
          minutes: 15,
          occurredAt: new Date(NOW.getTime() - (round + 1) * HOUR_MS).toISOString(),
        },
        headers: { 'idempotency-key': `bench-round-${round}` },
      },
    ],
  ];
  const costs: Record<string, CallCost> = {};
  for (const [routeId, call] of calls) {
    meter.reset();
    meter.enabled = true;
    const reply = await invoke(routeId, call);
    meter.enabled = false;
    if (reply.status >= 300) {
      throw new Error(`${routeId} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
    }
    const requests = Object.fromEntries(
      [...meter.requests].map(([name, n]) => [name.replace(/Command$/, ''), n]),
    );
    costs[routeId] = {
      requests,
      total: Object.values(requests).reduce((a, b) => a + b, 0),
      rcu: Math.round(meter.capacity.rcu * 10) / 10,
      wcu: Math.round(meter.capacity.wcu * 10) / 10,
    };
  }
  return costs;
};

export const measureRegistry = async (): Promise<RegistryBench> => {
  const dynamo = await startDynamoDbLocal({});
  try {
    const base = createDynamoDbClient({ region: 'us-east-1', endpoint: dynamo.endpoint });
    await ensureTable(base, TABLE);
    const meter = meterDynamo(base);
    meter.enabled = false;
    const client = DynamoDBDocumentClient.from(base, {
      marshallOptions: { removeUndefinedValues: true },
    });
    const store = createDynamoStore({ tableName: TABLE, client });
    setDeps(testDeps(store));
    await seedNetwork(store);
    await enrolThroughRepositories(store, 0, SMALL_PATIENTS);
    const target = (await store.episodes.listForClinic(clinicId(0), { limit: 100 })).items.find(
      (e) => e.patient.mrn === `B${pad(0)}-${pad(0)}`,
    );
    if (!target) throw new Error('bench: the measured episode was not stored');
    const small = await measure(meter, target, 0);

    const started = performance.now();
    await enrolInBulk(client, (c) => (c === 0 ? SMALL_PATIENTS : 0));
    const seedMs = Math.round(performance.now() - started);
    // The bulk items must read back as the repositories' own: the counter and rows agree.
    const check = await store.episodes.listCaseload(bcmOf(0), { limit: 100 });
    if (check.activeCount !== Math.min(CLINICS, BCM_CLINICS) * PATIENTS_PER_CLINIC) {
      throw new Error(`bench: bcm-0 counts ${check.activeCount} active episodes`);
    }
    const large = await measure(meter, target, 1);
    return {
      clinics: CLINICS,
      patients: { small: SMALL_PATIENTS, large: CLINICS * PATIENTS_PER_CLINIC },
      seedMs,
      small,
      large,
    };
  } finally {
    setDeps(undefined);
    await dynamo.stop();
  }
};

const fmt = (cost: CallCost | undefined) =>
  cost
    ? `${String(cost.total).padStart(2)} req ${String(cost.rcu).padStart(6)} RCU ${String(cost.wcu).padStart(5)} WCU`
    : 'n/a';

export const printRegistry = (bench: RegistryBench): void => {
  console.log(
    `\nRegistry views: ${bench.patients.small} → ${bench.patients.large} enrolled patients in ${bench.clinics} clinics (seeded in ${Math.round(bench.seedMs / 1000)} s)`,
  );
  for (const [route, small] of Object.entries(bench.small)) {
    const large = bench.large[route];
    console.log(
      `  ${route.padEnd(16)} ${fmt(small)}  →  ${fmt(large)}  requests ×${((large?.total ?? NaN) / small.total).toFixed(2)}  ${JSON.stringify(large?.requests)}`,
    );
  }
};
