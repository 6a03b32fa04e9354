import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import { createDynamoDbClient } from '../functions/adapters/dynamodb/client';
import { activityItem } from '../functions/adapters/dynamodb/handoff-items';
import { toAttributes } from '../functions/adapters/dynamodb/items';
import { patientKeys } from '../functions/adapters/dynamodb/keys';
import { episodeKeys } from '../functions/adapters/dynamodb/registry-keys';
import { toRegistry } from '../functions/adapters/dynamodb/registry-items';
import { createDynamoStore } from '../functions/adapters/dynamodb/store';
import type { CareActivity } from '../functions/contracts/activities';
import type { RouteId } from '../functions/contracts/api';
import type { Episode } from '../functions/contracts/registry';
import { ensureTable, startDynamoDbLocal } from '../functions/local/dynamodb-local';
import { setDeps } from '../functions/platform/container';
import { invoke } from '../tests/support/api';
import { NOW, testDeps } from '../tests/support/network';
import { meterDynamo, type Meter } from './dynamo-meter';

/**
 * Closing a CoCM billing month for one clinic of N enrolled patients (10,000 by default,
 * BENCH_BILLING_PATIENTS to shrink) through the real handlers against DynamoDB Local, and again
 * for a tenth of that: wall time and DynamoDB requests per command of the open worksheet, the
 * close, the closed worksheet and the claim export. Goal: close ≤ 60 s locally, growing linearly.
 */
const PATIENTS = Number(process.env.BENCH_BILLING_PATIENTS ?? 10_000);
const CLINIC = 'bench-billing';
const ZONE = 'America/Denver';
const MONTH = '2026-10';
const ADMIN = 'bench-billing-admin';
const PCP = 'bench-billing-pcp';
/** A BCM carries 100 patients; each call sits in its own slot of the BCM's month (no overlaps). */
const PER_BCM = 100;
const LANES = 4;
const HOUR_MS = 3_600_000;

const ids = monotonicFactory();
const pad = (n: number, width = 5) => String(n).padStart(width, '0');
const bcmOf = (p: number) => `bench-billing-bcm-${pad(Math.floor(p / PER_BCM), 3)}`;

/**
 * Half the patients were referred in August and called in September too (October is a later
 * month: 99493, and the engine must recompute September); the rest were referred in September
 * (October is their first month: 99492). Every patient has two 20-minute October calls.
 */
const planFor = (p: number) => {
  const early = p % 2 === 0;
  const referredOn = early ? '2026-08-03' : '2026-09-03';
  const at = `${referredOn}T16:00:00.000Z`;
  const patientId = ids(Date.parse(at));
  const episode: Episode = {
    episodeId: ids(Date.parse(at)),
    clinicId: CLINIC,
    patientId,
    patient: {
      givenName: `Given${p}`,
      familyName: `Family${pad(p)}`,
      dateOfBirth: '1960-02-03',
      mrn: `BB-${pad(p)}`,
    },
    status: 'active',
    referredOn,
    referredBy: PCP,
    enrolledAt: at,
    enrolledBy: bcmOf(p),
    consent: {
      obtainedAt: at,
      obtainedBy: bcmOf(p),
      method: 'verbal',
      psychiatricConsultationExplained: true,
      costSharingExplained: true,
    },
    bcmId: bcmOf(p),
    billingPractitionerId: PCP,
    psychiatristId: 'bench-billing-psy',
    payer: 'medicare',
    lastSeenByBillingPractitionerOn: '2026-07-01',
    diagnoses: [{ code: 'F32.1', label: 'Major depressive disorder, single episode, moderate' }],
    target: '',
    modality: [],
    medications: [],
    baseline: {},
    measures: [],
    contactCount: 0,
    sessionCount: 0,
    minutesByMonth: {},
    version: 1,
    updatedAt: at,
  };
  const slot = p % PER_BCM;
  const call = (month: string, n: number): CareActivity => {
    const start = Date.parse(`${month}-02T14:00:00.000Z`) + (slot * 2 + n) * 5 * HOUR_MS;
    return {
      activityId: ids(start),
      clinicId: CLINIC,
      patientId,
      episodeId: episode.episodeId,
      performedBy: episode.bcmId,
      role: 'bcm',
      kind: 'call',
      modality: 'phone',
      minutes: 20,
      occurredAt: new Date(start).toISOString(),
      recordedAt: new Date(start + 20 * 60_000).toISOString(),
      source: { manual: true },
    };
  };
  const activities = [call(MONTH, 0), call(MONTH, 1), ...(early ? [call('2026-09', 0)] : [])];
  const patient = toAttributes('patient', {
    patientId,
    clinicId: CLINIC,
    ...episode.patient,
    sexAtBirth: 'unknown',
    preferredLanguage: 'en',
    createdAt: at,
    createdBy: PCP,
  });
  return [
    { ...patient, ...patientKeys.item(CLINIC, patientId), ...patientKeys.byName(patient) },
    {
      ...toRegistry('episode', episode),
      ...episodeKeys.item(CLINIC, patientId, episode.episodeId),
      ...episodeKeys.indexes(episode),
    },
    {
      ...toRegistry('episode-guard', { clinicId: CLINIC, patientId, episodeId: episode.episodeId }),
      ...episodeKeys.activeGuard(CLINIC, patientId),
    },
    ...activities.map(activityItem),
  ];
};

const batchWrite = async (
  client: DynamoDBDocumentClient,
  table: string,
  items: Record<string, unknown>[],
) => {
  for (let i = 0; i < items.length; i += 25) {
    let pending = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    for (let round = 0; pending.length > 0; round += 1) {
      if (round > 8) throw new Error('bench: BatchWriteItem left items unprocessed');
      const out = await client.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = (out.UnprocessedItems?.[table] ?? []) as typeof pending;
    }
  }
};

export interface BillingCallCost {
  ms: number;
  requests: Record<string, number>;
  total: number;
  rcu: number;
  wcu: number;
}

export interface BillingRun {
  patients: number;
  seedMs: number;
  lines: number;
  calls: Record<string, BillingCallCost>;
}

export interface BillingBench {
  runs: BillingRun[];
  /** Close time of the large run over the small one, against the patient ratio. */
  closeTimeRatio: number;
  patientRatio: number;
}

const measureCall = async (meter: Meter, routeId: RouteId, sub: string) => {
  meter.reset();
  meter.enabled = true;
  const started = performance.now();
  const reply = await invoke(routeId, { sub, params: { clinicId: CLINIC, month: MONTH } });
  const ms = Math.round(performance.now() - started);
  meter.enabled = false;
  if (reply.status >= 300) {
    throw new Error(`${routeId} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
  }
  const requests = Object.fromEntries(
    [...meter.requests].map(([name, n]) => [name.replace(/Command$/, ''), n]),
  );
  const cost: BillingCallCost = {
    ms,
    requests,
    total: Object.values(requests).reduce((a, b) => a + b, 0),
    rcu: Math.round(meter.capacity.rcu),
    wcu: Math.round(meter.capacity.wcu),
  };
  return { cost, body: reply.body };
};

const run = async (endpoint: string, patients: number, table: string): Promise<BillingRun> => {
  const base = createDynamoDbClient({ region: 'us-east-1', endpoint });
  await ensureTable(base, table);
  const meter = meterDynamo(base);
  meter.enabled = false;
  const client = DynamoDBDocumentClient.from(base, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const store = createDynamoStore({ tableName: table, client });
  setDeps(testDeps(store));
  const createdAt = NOW.toISOString();
  await store.clinics.put({
    clinicId: CLINIC,
    networkId: 'bench',
    name: 'Bench billing clinic',
    timeZone: ZONE,
    integrationModel: 'collaborative-care',
    triageRuleVersion: 1,
    createdAt,
  });
  for (const [userId, role] of [
    [ADMIN, 'admin'],
    [PCP, 'pcp'],
  ] as const) {
    await store.users.put({
      userId,
      displayName: userId,
      email: `${userId}@bench.invalid`,
      npi: '1234567893',
      createdAt,
    });
    await store.memberships.put({ userId, clinicId: CLINIC, role, createdAt });
  }
  const started = performance.now();
  const lane = async (index: number) => {
    for (let from = index * 250; from < patients; from += LANES * 250) {
      const items: Record<string, unknown>[] = [];
      for (let p = from; p < Math.min(patients, from + 250); p += 1) {
        items.push(...planFor(p));
      }
      await batchWrite(client, table, items);
    }
  };
  await Promise.all(Array.from({ length: LANES }, (_, i) => lane(i)));
  const seedMs = Math.round(performance.now() - started);

  const calls: Record<string, BillingCallCost> = {};
  calls['worksheet (open)'] = (await measureCall(meter, 'getBillingWorksheet', ADMIN)).cost;
  const closed = await measureCall(meter, 'closeBillingMonth', ADMIN);
  calls['close'] = closed.cost;
  calls['worksheet (closed)'] = (await measureCall(meter, 'getBillingWorksheet', ADMIN)).cost;
  calls['export'] = (await measureCall(meter, 'exportBillingMonth', ADMIN)).cost;
  const lines = Number((closed.body as { lines?: number }).lines ?? NaN);
  if (lines !== patients) throw new Error(`bench: the close stored ${lines} lines`);
  base.destroy();
  return { patients, seedMs, lines, calls };
};

export const measureBilling = async (): Promise<BillingBench> => {
  const dynamo = await startDynamoDbLocal({});
  try {
    const small = await run(
      dynamo.endpoint,
      Math.max(1, Math.round(PATIENTS / 10)),
      'bench-billing-small',
    );
    const large = await run(dynamo.endpoint, PATIENTS, 'bench-billing-large');
    return {
      runs: [small, large],
      closeTimeRatio:
        Math.round(((large.calls['close']?.ms ?? NaN) / (small.calls['close']?.ms ?? NaN)) * 100) /
        100,
      patientRatio: large.patients / small.patients,
    };
  } finally {
    setDeps(undefined);
    await dynamo.stop();
  }
};

export const printBilling = (bench: BillingBench): void => {
  console.log('\nCoCM billing month (one clinic, DynamoDB Local; goal: close ≤ 60 s, linear)');
  for (const r of bench.runs) {
    console.log(`  ${r.patients} enrolled patients (seeded in ${Math.round(r.seedMs / 1000)} s)`);
    for (const [name, cost] of Object.entries(r.calls)) {
      console.log(
        `    ${name.padEnd(19)} ${String(cost.ms).padStart(6)} ms ${String(cost.total).padStart(5)} req ${String(cost.rcu).padStart(6)} RCU ${String(cost.wcu).padStart(6)} WCU  ${JSON.stringify(cost.requests)}`,
      );
    }
  }
  console.log(`  close time ×${bench.closeTimeRatio} for ×${bench.patientRatio} patients`);
};

// `npx tsx bench/billing.ts` runs this part alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  printBilling(await measureBilling());
}
