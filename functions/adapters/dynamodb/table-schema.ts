/**
 * The one description of the table's keys and indexes. The CDK data construct builds the real table
 * from it and the local platform / tests create DynamoDB Local tables from it, so the two can never
 * drift (tests/infra also checks the synthesized template against it). Pure data: no SDK import.
 */
export const tableSchema = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** All indexes project ALL attributes: lists render from the index without a second read. */
  globalSecondaryIndexes: [
    /** Per-clinic lists: patients by name, screenings by time, staff by role. */
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /** Per-patient and secondary per-clinic lists (audit by patient). */
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    /** Per-staff-member cross-clinic views (a BCM's caseload and pages, a psychiatrist's panel). */
    { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    /**
     * A second per-staff view, for items that appear in two people's lists at once: an episode is
     * in its BCM's caseload (gsi3) and its psychiatrist's panel (gsi4).
     */
    { indexName: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
  ],
  /** Epoch seconds; only ephemeral items (connections, presence) carry it. */
  timeToLiveAttribute: 'expiresAt',
} as const;

export type IndexName = (typeof tableSchema.globalSecondaryIndexes)[number]['indexName'];

/** CreateTable input for DynamoDB Local (tests and `npm start`): on-demand, same keys and indexes. */
export const createTableInput = (tableName: string) => {
  const keyNames = [
    tableSchema.partitionKey,
    tableSchema.sortKey,
    ...tableSchema.globalSecondaryIndexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: keyNames.map((name) => ({
      AttributeName: name,
      AttributeType: 'S' as const,
    })),
    KeySchema: [
      { AttributeName: tableSchema.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: tableSchema.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: tableSchema.globalSecondaryIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
  };
};
