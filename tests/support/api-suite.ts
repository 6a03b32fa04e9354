import { afterAll, beforeAll } from 'vitest';
import { setDeps } from '../../functions/platform/container';
import type { Deps } from '../../functions/ports/context';
import { freshTable } from './dynamodb';
import { seedTwoClinics, testDeps } from './network';

export interface TwoClinicApi {
  deps: Deps;
  patientA: string;
  patientB: string;
}

/**
 * For an API test file: a fresh DynamoDB Local table, the handlers wired to it, and two seeded
 * clinics with a patient each. The returned object is filled in before the file's tests run.
 */
export const useTwoClinicApi = (): TwoClinicApi => {
  const suite = { patientA: '', patientB: '' } as TwoClinicApi;
  let table: Awaited<ReturnType<typeof freshTable>> | undefined;
  beforeAll(async () => {
    table = await freshTable();
    suite.deps = testDeps(table.store);
    setDeps(suite.deps);
    const seeded = await seedTwoClinics(suite.deps);
    suite.patientA = seeded.patientA.patientId;
    suite.patientB = seeded.patientB.patientId;
  });
  afterAll(async () => {
    setDeps(undefined);
    await table?.drop();
  });
  return suite;
};
