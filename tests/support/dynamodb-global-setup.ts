/**
 * vitest globalSetup for the integration project: ONE DynamoDB Local for the whole run. Each test
 * file then makes its own uniquely named table (tests/support/dynamodb.ts), so files run in
 * parallel without seeing each other's data.
 */
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

export default async function setup({ provide }: TestProject): Promise<() => Promise<void>> {
  // The project's `env` reaches the test workers, not this process: silence the SDK's Node 20
  // notice here too, before the SDK is loaded.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { startDynamoDbLocal } = await import('../../functions/local/dynamodb-local');
  const dynamo = await startDynamoDbLocal();
  provide('dynamodbEndpoint', dynamo.endpoint);
  return () => dynamo.stop();
}
