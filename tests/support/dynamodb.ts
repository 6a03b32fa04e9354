/**
 * A private table per test file on the run's shared DynamoDB Local, plus a request counter for
 * tests that assert how many DynamoDB calls an operation costs.
 */
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import {
  createDocumentClient,
  createDynamoDbClient,
} from '../../functions/adapters/dynamodb/client';
import { createDynamoStore } from '../../functions/adapters/dynamodb/store';
import { ensureTable } from '../../functions/local/dynamodb-local';
import type { Store } from '../../functions/ports/store';

const REGION = 'us-east-1';

export interface RequestLog {
  /** DynamoDB operations sent since the last reset, e.g. ['QueryCommand', 'GetItemCommand']. */
  readonly commands: string[];
  reset(): void;
}

export interface FreshTable {
  tableName: string;
  client: DynamoDBDocumentClient;
  store: Store;
  requests: RequestLog;
  drop(): Promise<void>;
}

let counter = 0;

/** Counts every command the document client sends (one per `send`, before retries). */
const recordRequests = (client: DynamoDBDocumentClient): RequestLog => {
  const commands: string[] = [];
  client.middlewareStack.add(
    (next, context) => (args) => {
      commands.push(context.commandName ?? 'unknown');
      return next(args);
    },
    { step: 'initialize', name: 'testRequestLog' },
  );
  return { commands, reset: () => void commands.splice(0) };
};

export const freshTable = async (): Promise<FreshTable> => {
  const endpoint = inject('dynamodbEndpoint');
  counter += 1;
  const tableName = `test-${process.pid}-${Date.now().toString(36)}-${counter}`;
  const admin = createDynamoDbClient({ region: REGION, endpoint });
  await ensureTable(admin, tableName);

  const client = createDocumentClient({ region: REGION, endpoint });
  const requests = recordRequests(client);
  return {
    tableName,
    client,
    store: createDynamoStore({ tableName, client }),
    requests,
    async drop() {
      await admin.send(new DeleteTableCommand({ TableName: tableName }));
      admin.destroy();
      client.destroy();
    },
  };
};
