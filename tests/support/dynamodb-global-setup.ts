/**
 * vitest globalSetup for the integration project: ONE DynamoDB Local for the whole run. Each test
 * file then makes its own uniquely named table (tests/support/dynamodb.ts), so files run in
 * parallel without seeing each other's data.
 */
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../functions/local/dynamodb-local';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

export default async function setup({ provide }: TestProject): Promise<() => Promise<void>> {
  const dynamo = await startDynamoDbLocal();
  provide('dynamodbEndpoint', dynamo.endpoint);
  return () => dynamo.stop();
}
