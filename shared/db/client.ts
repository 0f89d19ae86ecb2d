import { AsyncLocalStorage } from 'node:async_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '#shared/config';

let doc: DynamoDBDocumentClient | undefined;
let builtFor: string | undefined;
const meter = new AsyncLocalStorage<{ requests: number }>();

/**
 * Runs `work` and counts the DynamoDB commands it sends (and only those: concurrent work in other async
 * contexts is not counted). The HTTP pipeline logs the figure per request; `npm run bench` reports it.
 */
export async function metered<T>(work: () => Promise<T>): Promise<{ result: T; dynamoRequests: number }> {
  const store = { requests: 0 };
  const result = await meter.run(store, work);
  return { result, dynamoRequests: store.requests };
}

/**
 * The document client, built once per module (per Lambda container). Locally it points at DynamoDB Local;
 * it is rebuilt only if the endpoint changes (the test harness moves between tables, not endpoints).
 */
export function db(): DynamoDBDocumentClient {
  const { dynamoEndpoint, region } = config();
  const identity = `${dynamoEndpoint ?? 'aws'}|${region}`;
  if (!doc || builtFor !== identity) {
    const client = new DynamoDBClient({
      region,
      ...(dynamoEndpoint ? { endpoint: dynamoEndpoint } : {}),
      maxAttempts: 4,
    });
    // Counts the commands of the metered unit of work (see metered).
    client.middlewareStack.add(
      (next) => (args) => {
        const store = meter.getStore();
        if (store) store.requests += 1;
        return next(args);
      },
      { step: 'initialize', name: 'accordRequestCounter' },
    );
    doc = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
    builtFor = identity;
  }
  return doc;
}

export function tableName(): string {
  return config().tableName;
}
