import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  eventFunctions,
  httpFunctions,
  queueFunctions,
  scheduledFunctions,
  streamFunctions,
} from '#functions/manifest';
import { resetConfig } from '#shared/config';
import { createLocalBus, type LocalBus } from '#infra/local/bus';
import { ensureTable, LOCAL_CREDENTIALS, localDynamoClient, startDynamoLocal } from '#infra/local/dynamo';
import { startGateway } from '#infra/local/gateway';
import { importProjectModule } from '#infra/local/handlers';
import { createLocalIssuer, type LocalIssuer, type MintInput } from '#infra/local/issuer';
import { whileStarting } from '#infra/local/local-endpoints';
import { createLogger } from '#infra/local/log';
import { createMailOutbox, type MailOutbox } from '#infra/local/mail-outbox';
import { createLocalQueues, type LocalQueues } from '#infra/local/queues';
import { createScheduler } from '#infra/local/scheduler';
import { readOrCreate } from '#infra/local/state-files';
import { createStreamPoller } from '#infra/local/stream-poller';

/**
 * The local runtime: DynamoDB Local, the table from the shared spec, the in-process bus, the work queues, the
 * mail outbox, the stream poller feeding the outbox relay, the scheduler and the gateway, all driven by
 * functions/manifest.ts. Used by `npm start`, `npm run job` and the integration tests.
 */

export interface LocalRuntimeOptions {
  /** 0 = a free port. */
  port: number;
  /** Persistent state (database, signing key, cursor secret, stream checkpoints); in memory when absent. */
  dataDir?: string;
  /** Reuse a DynamoDB Local that is already running (the test JVM) instead of starting one. */
  dynamoEndpoint?: string;
  tableName: string;
  /**
   * Seed the demo data (once per database), or run this seed step instead. The gateway listens during the
   * seed, but answers 503 (`GET /v1/health`: `{"status":"starting"}`) until it and the drain of its events are done.
   */
  seed?: boolean | (() => Promise<{ partners: SeededPartner[] }>);
  /** Called once the gateway listens, before the seed: the URL answers 503 until the runtime is ready. */
  onListening?: (listening: { url: string; dynamoEndpoint: string; dynamoPid?: number }) => void | Promise<void>;
  /** Run the manifest's schedules on croner. */
  schedules?: boolean;
  /** No per-request or per-event log lines (errors are still logged). */
  quiet?: boolean;
}

export interface SeededPartner {
  id: string;
  name: string;
}

export interface LocalRuntime {
  url: string;
  port: number;
  tableName: string;
  dynamoEndpoint: string;
  issuer: LocalIssuer;
  bus: LocalBus;
  queues: LocalQueues;
  /** What the notifier sent (GET /local/outbox-mail). */
  mail: MailOutbox;
  /** The seeded demo partners (empty unless `seed`). */
  seeded: SeededPartner[];
  mint(input: MintInput): string;
  /**
   * Resolves once everything written so far has gone through the relay and its consumers, and the work
   * queues are empty (work a consumer queued, events a worker wrote: until nothing is left).
   */
  drainEvents(timeoutMs?: number): Promise<void>;
  /** Runs a job now; resolves with its summary once the work it queued has been processed. */
  runJob(job: string): Promise<unknown>;
  /** Stops everything in reverse order of start; resolves when it is all down. */
  stop(): Promise<void>;
}

export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const dataDir = options.dataDir === undefined ? undefined : resolve(options.dataDir);
  const log = (component: string) => createLogger(component, options.quiet);
  // Everything started so far, stopped in reverse order by stop() or when a later step fails.
  const started: (() => Promise<void>)[] = [];
  // Every step runs even when an earlier one fails, so a failed stop never leaves the database or a temp folder.
  const stopAll = async () => {
    let failure: unknown;
    for (const stop of started.splice(0).reverse()) await stop().catch((error: unknown) => (failure ??= error));
    if (failure) throw failure instanceof Error ? failure : new Error(JSON.stringify(failure));
  };

  try {
    let endpoint = options.dynamoEndpoint;
    let dynamoPid: number | undefined;
    if (!endpoint) {
      const dynamo = await startDynamoLocal({
        ...(dataDir ? { dataDir: join(dataDir, 'dynamodb') } : {}),
        ownProcessGroup: true,
      });
      started.push(() => dynamo.stop());
      endpoint = dynamo.endpoint;
      dynamoPid = dynamo.pid;
    }
    const scratch = await configureEnvironment(options, endpoint, dataDir);
    if (scratch) started.push(() => rm(scratch, { recursive: true, force: true }));
    const region = process.env.AWS_REGION ?? 'eu-west-1';

    const client = localDynamoClient(endpoint);
    try {
      await ensureTable(client, options.tableName);
    } finally {
      client.destroy();
    }

    const issuer = await createLocalIssuer(dataDir ? { dataDir } : {});
    // Mail and queues first, the bus after: stopping runs in reverse, so the bus's last deliveries can still
    // queue work and send mail.
    const mail = createMailOutbox({ log: log('mail') });
    mail.install();
    started.push(async () => mail.uninstall());

    const queues = createLocalQueues({ workers: queueFunctions(), region, log: log('queues') });
    queues.install();
    started.push(async () => {
      await Promise.race([queues.idle(), new Promise((done) => setTimeout(done, 5_000).unref())]);
      queues.stop();
      queues.uninstall();
    });

    const bus = createLocalBus({ consumers: eventFunctions(), region, log: log('bus') });
    bus.install();
    started.push(async () => {
      // Let deliveries in flight finish (bounded: a hung consumer must not block shutdown).
      await Promise.race([bus.idle(), new Promise((done) => setTimeout(done, 5_000).unref())]);
      bus.uninstall();
    });

    // The bus and the queues feed each other (a consumer may queue work; a worker's events reach the bus
    // through the stream): both must be quiet at the same moment. True when there was anything to wait for.
    const downstreamIdle = async (): Promise<boolean> => {
      let waited = false;
      while (bus.inFlight() > 0 || queues.pending() > 0) {
        waited = true;
        await bus.idle();
        await queues.idle();
      }
      return waited;
    };

    const relay = streamFunctions()[0];
    if (!relay) throw new Error('the manifest has no table-stream function (the outbox relay)');
    const poller = createStreamPoller({
      endpoint,
      tableName: options.tableName,
      relay,
      region,
      log: log('stream'),
      ...(dataDir ? { checkpointFile: join(dataDir, `stream-checkpoints.${options.tableName}.json`) } : {}),
      downstreamIdle,
    });
    await poller.start();
    started.push(() => poller.stop());

    const scheduler = createScheduler({
      jobs: scheduledFunctions(),
      region,
      log: log('scheduler'),
      track: (label, run) => queues.track(label, run),
    });
    started.push(async () => scheduler.stop());

    let ready = false;
    const gateway = await startGateway({
      functions: httpFunctions(),
      issuer,
      region,
      port: options.port,
      log: log('gateway'),
      gate: (method, path) => (ready ? undefined : whileStarting(method, path)),
      local: {
        issuer,
        runJob: (job) => scheduler.runJob(job),
        jobNames: () => scheduler.jobNames(),
        busState: () => ({ delivered: [...bus.delivered], deadLetters: [...bus.deadLetters] }),
        queueState: () => ({ queues: queues.stats(), deadLetters: [...queues.deadLetters] }),
        outboxMail: (filter) => mail.list(filter),
      },
    });
    started.push(() => gateway.close());

    await options.onListening?.({ url: gateway.url, dynamoEndpoint: endpoint, ...(dynamoPid ? { dynamoPid } : {}) });

    let seeded: SeededPartner[] = [];
    if (options.seed) {
      const seed =
        typeof options.seed === 'function'
          ? options.seed
          : (
              await importProjectModule<{ seedDemoData: () => Promise<{ partners: SeededPartner[] }> }>(
                'infra/local/seed.ts',
              )
            ).seedDemoData;
      seeded = (await seed()).partners;
      // Ready means the seed's events have gone through the consumers too (mail sent, alerts raised).
      await poller.drain(120_000);
    }
    ready = true;
    if (options.schedules) scheduler.start();

    return {
      url: gateway.url,
      port: gateway.port,
      tableName: options.tableName,
      dynamoEndpoint: endpoint,
      issuer,
      bus,
      queues,
      mail,
      seeded,
      mint: (input) => issuer.mint(input),
      drainEvents: (timeoutMs) => poller.drain(timeoutMs),
      runJob: (job) => scheduler.runJob(job),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * The environment the handlers read (shared/config.ts), set before any handler module loads. Whatever
 * points at real AWS (bus name, user pool, secret ARNs, real credentials) is removed: the local runtime
 * must never reach an AWS account by accident.
 */
/** Returns the temp folder it made (documents of a runtime without a data dir), for stop() to remove. */
async function configureEnvironment(
  options: LocalRuntimeOptions,
  endpoint: string,
  dataDir: string | undefined,
): Promise<string | undefined> {
  const env = process.env;
  env.TABLE_NAME = options.tableName;
  env.DYNAMODB_ENDPOINT = endpoint;
  env.STAGE = 'local';
  env.AWS_REGION ??= 'eu-west-1';
  env.AWS_ACCESS_KEY_ID = LOCAL_CREDENTIALS.accessKeyId;
  env.AWS_SECRET_ACCESS_KEY = LOCAL_CREDENTIALS.secretAccessKey;
  for (const name of [
    'AWS_SESSION_TOKEN',
    'AWS_PROFILE',
    'EVENT_BUS_NAME',
    'USER_POOL_ID',
    'CURSOR_SECRET_ARN',
    'SENDER_EMAIL',
    'NOTIFICATIONS_TOPIC_ARN',
  ])
    delete env[name];
  for (const name of Object.keys(env)) if (name.startsWith('QUEUE_URL_')) delete env[name];
  const newSecret = () => randomBytes(32).toString('base64url');
  // Persisted per data dir so cursors handed out before a restart still open; random per in-memory run.
  env.CURSOR_SECRET = dataDir ? (await readOrCreate(join(dataDir, 'cursor-secret'), newSecret)).trim() : newSecret();
  // Large documents (agreement clauses) go to a folder instead of S3: kept with the data, or a fresh temp dir.
  delete env.DOCUMENTS_BUCKET;
  if (!dataDir) await removeAbandoned(DOCUMENTS_PREFIX);
  // Named after this process, so the folder of a killed run is recognised (and removed) by the next one.
  const scratch = dataDir ? undefined : await mkdtemp(join(tmpdir(), `${DOCUMENTS_PREFIX}${process.pid}-`));
  env.DOCUMENTS_DIR = scratch ?? join(dataDir!, 'documents');
  // Tests: the handlers' own INFO lines (one per request) would drown the test output.
  if (options.quiet && !env.POWERTOOLS_LOG_LEVEL && !env.LOG_LEVEL) env.POWERTOOLS_LOG_LEVEL = 'WARN';
  resetConfig();
  return scratch;
}

const DOCUMENTS_PREFIX = 'accord-documents-';

/** Temp folders `<prefix><pid>-*` whose process has gone. */
async function removeAbandoned(prefix: string): Promise<void> {
  for (const name of await readdir(tmpdir()).catch(() => [] as string[])) {
    const pid = Number(name.startsWith(prefix) ? /^(\d+)-/.exec(name.slice(prefix.length))?.[1] : undefined);
    if (!pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH')
        await rm(join(tmpdir(), name), { recursive: true, force: true }).catch(() => undefined);
    }
  }
}
