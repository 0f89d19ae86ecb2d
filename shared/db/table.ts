import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The one description of Accord's table. The CDK Data construct and the local runtime both build the
 * table from this object, so the deployed table and DynamoDB Local cannot drift apart.
 */
export const tableSpec = {
  partitionKey: 'PK',
  sortKey: 'SK',
  globalSecondaryIndexes: [
    // GSI1: global lists (all partners by name, the vendor-wide audit trail).
    { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    // GSI2: sparse status lists (partners by status; later: open alerts, active SLAs, expiring agreements).
    { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  ],
  timeToLiveAttribute: 'ttl',
  stream: 'NEW_AND_OLD_IMAGES',
} as const;

export type IndexName = (typeof tableSpec.globalSecondaryIndexes)[number]['indexName'];

/** CreateTable input for DynamoDB Local (on-demand, same keys, indexes and stream as in AWS). */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const keyNames = new Set<string>([tableSpec.partitionKey, tableSpec.sortKey]);
  for (const gsi of tableSpec.globalSecondaryIndexes) {
    keyNames.add(gsi.partitionKey);
    keyNames.add(gsi.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...keyNames].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: tableSpec.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableSpec.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: tableSpec.globalSecondaryIndexes.map((gsi) => ({
      IndexName: gsi.indexName,
      KeySchema: [
        { AttributeName: gsi.partitionKey, KeyType: 'HASH' },
        { AttributeName: gsi.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: tableSpec.stream },
  };
}
