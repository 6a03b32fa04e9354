import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoClientOptions {
  region: string;
  /** Set only for DynamoDB Local, e.g. http://127.0.0.1:8000. */
  endpoint?: string;
}

/**
 * DynamoDB Local binds every interface but Node may resolve "localhost" to ::1 first, where
 * nothing answers on some machines: always talk to the IPv4 loopback.
 */
const toLoopback = (endpoint: string): string => {
  const url = new URL(endpoint);
  if (url.hostname === 'localhost') url.hostname = '127.0.0.1';
  return url.toString().replace(/\/$/, '');
};

/**
 * The low-level client (table administration, waiters). With an endpoint it is a local client:
 * DynamoDB Local accepts any credentials, and fixed ones keep the default provider chain from
 * probing the environment or an instance metadata service that is not there.
 */
export const createDynamoDbClient = ({ region, endpoint }: DynamoClientOptions): DynamoDBClient =>
  endpoint === undefined
    ? new DynamoDBClient({ region })
    : new DynamoDBClient({
        region,
        endpoint: toLoopback(endpoint),
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      });

/** The client repositories use: plain JS values in and out. */
export const createDocumentClient = (options: DynamoClientOptions): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(createDynamoDbClient(options), {
    // Optional fields of domain records are `undefined` when absent; store them as absent.
    marshallOptions: { removeUndefinedValues: true },
  });
