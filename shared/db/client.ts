import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '#shared/config';

let doc: DynamoDBDocumentClient | undefined;
let builtFor: string | undefined;
let requestCount = 0;

/** DynamoDB commands sent by this process so far (bench and tests read the difference). */
export function dynamoRequestCount(): number {
  return requestCount;
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
    // Counts every command sent, so `npm run bench` can report DynamoDB requests per API call.
    client.middlewareStack.add(
      (next) => (args) => {
        requestCount += 1;
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
