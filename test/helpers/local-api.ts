import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { localDynamoClient } from '#infra/local/dynamo';
import type { MintInput, Role } from '#infra/local/issuer';
import { startLocalRuntime } from '#infra/local/runtime';
import { tableChangeReader, type TableChange } from '#test/helpers/table-changes';

/**
 * The integration tests' handle on a running Accord: the local runtime (gateway, handlers, stream relay, bus)
 * on the run's shared DynamoDB Local, with a table of its own for this test file. Requests are real HTTP.
 */

export interface CallOptions {
  token?: string;
  /** An object (or any non-string JSON value) is sent as JSON; a string is sent as it is (malformed JSON tests). */
  body?: unknown;
  /** Undefined values are left out (handy for optional headers such as If-Match). */
  headers?: Record<string, string | undefined>;
}

export interface CallResult {
  status: number;
  /** Lowercased names. */
  headers: Record<string, string>;
  /** Parsed JSON when the response says JSON, the text otherwise, undefined when empty. */
  body: unknown;
}

export interface TestApi {
  url: string;
  tableName: string;
  /** A token for `role` (partner roles need `partnerId`); `sub` defaults to one stable id per role and partner. */
  token(role: Role, partnerId?: string, sub?: string): string;
  mint(input: MintInput): string;
  call(method: string, path: string, options?: CallOptions): Promise<CallResult>;
  /** Waits until everything written so far went through the outbox relay and every consumer it triggered. */
  drainEvents(timeoutMs?: number): Promise<void>;
  runJob(job: string): Promise<unknown>;
  /** Every item of this file's table (a Scan: fine in tests, never in the request path). */
  tableItems(): Promise<Record<string, unknown>[]>;
  /**
   * Every item change since the previous call (the first call: since the table was created), read from the
   * table's stream, once what those changes set off (relay, consumers, queued work) has finished too. Cheap
   * when nothing changed (no drain, one read of the stream), so a test can check every request wrote nothing.
   */
  settle(): Promise<TableChange[]>;
  stop(): Promise<void>;
}

export async function startTestApi(options: { seed?: boolean } = {}): Promise<TestApi> {
  const endpoint = process.env.ACCORD_TEST_DYNAMO_ENDPOINT;
  if (!endpoint) {
    throw new Error(
      'ACCORD_TEST_DYNAMO_ENDPOINT is not set. Integration tests need the DynamoDB Local that ' +
        'test/helpers/global-setup.ts starts: run them through jest with jest.config.cjs (npx jest, npm test).',
    );
  }
  const tableName = uniqueTableName();
  const runtime = await startLocalRuntime({
    port: 0,
    dynamoEndpoint: endpoint,
    tableName,
    seed: options.seed ?? false,
    schedules: false,
    quiet: true,
  });
  const doc = DynamoDBDocumentClient.from(localDynamoClient(endpoint));
  const changes = tableChangeReader(endpoint, tableName);

  return {
    url: runtime.url,
    tableName,
    token: (role, partnerId, sub) =>
      runtime.mint({ role, ...(partnerId ? { partnerId } : {}), ...(sub ? { sub } : {}) }),
    mint: (input) => runtime.mint(input),
    call: (method, path, callOptions = {}) => call(runtime.url, method, path, callOptions),
    drainEvents: (timeoutMs) => runtime.drainEvents(timeoutMs),
    runJob: (job) => runtime.runJob(job),
    async tableItems() {
      const items: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await doc.send(
          new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: start }),
        );
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
      return items;
    },
    async settle() {
      const seen = await changes.take();
      if (seen.length === 0) return seen;
      await runtime.drainEvents();
      return [...seen, ...(await changes.take())];
    },
    async stop() {
      changes.close();
      await runtime.stop();
      // The JVM is shared by the whole run: give its memory back.
      await doc.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
      doc.destroy();
    },
  };
}

async function call(baseUrl: string, method: string, path: string, options: CallOptions): Promise<CallResult> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers ?? {})) if (value !== undefined) headers[name] = value;
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['content-type'] = 'application/json';
  }
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body } : {}),
    redirect: 'manual',
  });
  const text = await res.text();
  const responseHeaders: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    responseHeaders[name] = value;
  });
  return { status: res.status, headers: responseHeaders, body: parseBody(text, res.headers.get('content-type')) };
}

function parseBody(text: string, contentType: string | null): unknown {
  if (text === '') return undefined;
  if (!contentType || !/[/+]json\b/.test(contentType)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** One table per test file (and per call, should a file start two APIs); names allow [A-Za-z0-9_.-]. */
function uniqueTableName(): string {
  const testPath = expect.getState().testPath ?? 'test';
  const base = basename(testPath)
    .replace(/\.test\.ts$/, '')
    .replace(/[^A-Za-z0-9_.-]/g, '-')
    .slice(0, 60);
  return `test-${base}-${randomBytes(3).toString('hex')}`;
}
