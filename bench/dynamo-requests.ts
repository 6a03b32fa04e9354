import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbClient } from '../functions/adapters/dynamodb/client';
import { createDynamoStore } from '../functions/adapters/dynamodb/store';
import type { RouteId } from '../functions/contracts/api';
import { ensureTable, startDynamoDbLocal } from '../functions/local/dynamodb-local';
import { setDeps } from '../functions/platform/container';
import { invoke, type Call } from '../tests/support/api';
import {
  CLINIC_A,
  seedTwoClinics,
  testDeps,
  userFor,
  validSubmission,
} from '../tests/support/network';

/**
 * DynamoDB requests per API call, measured through the real handlers against DynamoDB Local, at a
 * small and a larger clinic. A request path whose count grows with the data would show here.
 */
export const measureDynamoRequests = async (largerPatients: number) => {
  const dynamo = await startDynamoDbLocal({});
  try {
    const region = 'us-east-1';
    const base = createDynamoDbClient({ region, endpoint: dynamo.endpoint });
    await ensureTable(base, 'bench');
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
    const deps = testDeps(createDynamoStore({ tableName: 'bench', client }));
    setDeps(deps);
    const { patientA } = await seedTwoClinics(deps);
    const pcp = userFor('pcp');
    const first = await invoke('submitScreening', {
      sub: pcp,
      params: { clinicId: CLINIC_A, patientId: patientA.patientId },
      body: validSubmission(),
    });
    const screeningId = String(first.body.screeningId);
    const params = { clinicId: CLINIC_A, patientId: patientA.patientId, screeningId };

    const calls: [RouteId, Call][] = [
      ['getMe', {}],
      ['getClinic', { params }],
      ['searchPatients', { params, query: { q: 'alp' } }],
      [
        'registerPatient',
        {
          params,
          body: {
            givenName: 'B',
            familyName: 'Bench',
            dateOfBirth: '1970-01-01',
            sexAtBirth: 'unknown',
          },
        },
      ],
      ['getPatient', { params }],
      ['submitScreening', { params, body: validSubmission() }],
      ['listScreenings', { params }],
      ['getScreening', { params }],
      ['listClinicScreenings', { params }],
    ];
    const measure = async () => {
      const perRoute: Record<string, number> = {};
      for (const [routeId, call] of calls) {
        counts.clear();
        const reply = await invoke(routeId, { ...call, sub: pcp });
        if (reply.status >= 300) throw new Error(`${routeId} answered ${reply.status}`);
        perRoute[routeId] = [...counts.values()].reduce((a, b) => a + b, 0);
      }
      return perRoute;
    };
    const small = await measure();
    for (let i = 0; i < largerPatients; i += 1) {
      const created = await invoke('registerPatient', {
        sub: pcp,
        params,
        body: {
          givenName: `G${i}`,
          familyName: `Family${i}`,
          dateOfBirth: '1980-01-01',
          sexAtBirth: 'unknown',
        },
      });
      await invoke('submitScreening', {
        sub: pcp,
        params: { clinicId: CLINIC_A, patientId: String(created.body.patientId) },
        body: validSubmission(),
      });
    }
    const large = await measure();
    return { small, large, largerPatients };
  } finally {
    setDeps(undefined);
    await dynamo.stop();
  }
};
