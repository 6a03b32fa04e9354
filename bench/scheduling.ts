import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbClient } from '../functions/adapters/dynamodb/client';
import { createDynamoStore } from '../functions/adapters/dynamodb/store';
import { defaultClinicSchedulingSettings } from '../functions/contracts/scheduling';
import { defaultTemplateBlocks } from '../functions/domain/scheduling';
import { ensureTable, startDynamoDbLocal } from '../functions/local/dynamodb-local';
import { generateSlots } from '../functions/services/scheduling-jobs';
import { testDeps } from '../tests/support/network';

/** Four clinics in four zones, five providers each: 20 providers with a Mon-Fri default day. */
const CLINICS = [
  ['bench-denver', 'America/Denver'],
  ['bench-chicago', 'America/Chicago'],
  ['bench-phoenix', 'America/Phoenix'],
  ['bench-anchorage', 'America/Anchorage'],
] as const;
const PROVIDERS_PER_CLINIC = 5;

export interface SlotGenerationRun {
  slots: number;
  requests: Record<string, number>;
  ms: number;
}

/**
 * Slot generation for 20 providers × `days` through the real job against DynamoDB Local: a first
 * run (every slot new) and a second (every slot already there: the idempotent path). Requests are
 * counted per DynamoDB command; time is wall-clock on this machine, reported, never asserted.
 */
export const measureSlotGeneration = async (days = 90) => {
  const dynamo = await startDynamoDbLocal({});
  try {
    const region = 'us-east-1';
    const base = createDynamoDbClient({ region, endpoint: dynamo.endpoint });
    await ensureTable(base, 'bench-scheduling');
    const counts = new Map<string, number>();
    base.middlewareStack.add(
      (next, context) => async (args) => {
        const name = context.commandName ?? 'unknown';
        counts.set(name, (counts.get(name) ?? 0) + 1);
        return next(args);
      },
      { step: 'initialize', name: 'countRequests' },
    );
    const client = DynamoDBDocumentClient.from(base, {
      marshallOptions: { removeUndefinedValues: true },
    });
    const store = createDynamoStore({ tableName: 'bench-scheduling', client });
    const deps = testDeps(store);
    const blocks = defaultTemplateBlocks(defaultClinicSchedulingSettings());
    for (const [clinicId, timeZone] of CLINICS) {
      await store.clinics.put({
        clinicId,
        networkId: 'bench',
        name: clinicId,
        timeZone,
        integrationModel: 'collaborative-care',
        triageRuleVersion: 1,
        createdAt: new Date().toISOString(),
      });
      await store.templates.putSettings(clinicId, {
        ...defaultClinicSchedulingSettings(),
        horizonDays: days,
      });
      for (let p = 0; p < PROVIDERS_PER_CLINIC; p += 1) {
        for (const weekday of [1, 2, 3, 4, 5]) {
          await store.templates.put({
            clinicId,
            providerId: `${clinicId}-provider-${p}`,
            weekday,
            blocks,
            effectiveFrom: '2025-01-01',
          });
        }
      }
    }
    const run = async (): Promise<SlotGenerationRun> => {
      counts.clear();
      const started = performance.now();
      const report = await generateSlots(deps, new Date());
      return {
        slots: report.created + report.existing,
        requests: Object.fromEntries(counts),
        ms: Math.round(performance.now() - started),
      };
    };
    const first = await run();
    const second = await run();
    return { providers: CLINICS.length * PROVIDERS_PER_CLINIC, days, first, second };
  } finally {
    await dynamo.stop();
  }
};
