import { startDynamoLocal, type DynamoLocal } from '#infra/local/dynamo';

/**
 * One DynamoDB Local JVM per jest run (in memory, a free port), shared by every worker through
 * ACCORD_TEST_DYNAMO_ENDPOINT; each integration test file makes its own table (test/helpers/local-api.ts).
 * One JVM per worker would cost 3-6 s and ~300 MB each. If the variable is already set, that DynamoDB
 * Local is used and nothing is started.
 */
declare global {
  var __accordDynamoLocal: DynamoLocal | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (process.env.ACCORD_TEST_DYNAMO_ENDPOINT) return;
  const dynamo = await startDynamoLocal();
  globalThis.__accordDynamoLocal = dynamo;
  // Workers are forked after globalSetup, so they inherit this.
  process.env.ACCORD_TEST_DYNAMO_ENDPOINT = dynamo.endpoint;
}
