import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** What every repository needs: the client and the one table's name. */
export interface Table {
  client: DynamoDBDocumentClient;
  tableName: string;
}

export type StoredItem = Record<string, unknown>;
