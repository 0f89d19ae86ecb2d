import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime';
import {
  defaultDataDir,
  readRuntimeInfo,
  removeRuntimeInfo,
  removeRuntimeInfoSync,
  writeRuntimeInfo,
  type RuntimeInfo,
} from '#infra/local/runtime-file';

/**
 * `npm start`: the whole of Accord on this machine, on a persistent data dir (default `.accord/`).
 * PORT (default 3000), ACCORD_DATA_DIR, TABLE_NAME (default accord-local).
 */

async function main(): Promise<void> {
  // Local development runs Node 20 (Lambda runs 24); the SDK's "Node >= 22 from 2027" notice is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const dataDir = defaultDataDir();
  const running = await readRuntimeInfo(dataDir);
  if (running) {
    console.error(`Accord is already running on this data dir (${dataDir}) at ${running.url}, pid ${running.pid}.`);
    process.exit(1);
  }
  const port = Number(process.env.PORT ?? 3000);
  const tableName = process.env.TABLE_NAME || 'accord-local';
  console.log(`Starting Accord locally (data in ${dataDir}) ...`);
  const started = Date.now();
  const lifecycle = stopOnSignals();
  const runtime = await startLocalRuntime({
    port,
    dataDir,
    tableName,
    seed: true,
    schedules: true,
    onListening: async ({ url, dynamoEndpoint, dynamoPid }) => {
      // Registered as soon as it listens: `npm run job`/`token` find it (and hear "still starting"), and a
      // second `npm start` on this data dir is refused.
      const info: RuntimeInfo = {
        url,
        pid: process.pid,
        dataDir,
        tableName,
        dynamoEndpoint,
        ...(dynamoPid ? { dynamoPid } : {}),
        startedAt: new Date().toISOString(),
      };
      await writeRuntimeInfo(info);
      lifecycle.registered(info);
      console.log(`Listening at ${url}; GET /v1/health answers 503 {"status":"starting"} until the demo data is in.`);
    },
  });
  lifecycle.ready(runtime);
  printBanner(runtime, Date.now() - started);
}

function printBanner(runtime: LocalRuntime, ms: number): void {
  const [first, second] = runtime.seeded;
  const tokens: [string, string][] = [
    ['admin', runtime.mint({ role: 'admin' })],
    ['manager', runtime.mint({ role: 'manager' })],
  ];
  if (first)
    tokens.push([
      `partner-admin of ${first.name} (${first.id})`,
      runtime.mint({ role: 'partner-admin', partnerId: first.id }),
    ]);
  const userOf = second ?? first;
  if (userOf)
    tokens.push([
      `partner-user of ${userOf.name} (${userOf.id})`,
      runtime.mint({ role: 'partner-user', partnerId: userOf.id }),
    ]);
  const lines = [
    '',
    `Accord is running at ${runtime.url} (ready in ${(ms / 1000).toFixed(1)} s)`,
    '',
    'Try:',
    `  curl ${runtime.url}/v1/health`,
    `  curl -H "Authorization: Bearer $ADMIN_TOKEN" ${runtime.url}/v1/partners`,
    '',
    'Tokens (valid 12 h; more with `npm run -s token -- --role partner-admin --partner <id>` or GET /local/token):',
    ...tokens.flatMap(([who, token]) => [`  ${who}:`, `    ${token}`]),
    '',
    `  export ADMIN_TOKEN=${tokens[0]?.[1]}`,
    '',
    'Local only: GET /local/token, GET|POST /local/clock, POST /local/jobs/<job>, GET /local/events,',
    '            GET /local/queues, GET /local/outbox-mail?to=&partnerId=',
    `API reference: ${runtime.url}/docs (OpenAPI document: /v1/openapi.json)`,
    'Ctrl-C stops; the data stays for the next start.',
    '',
  ];
  console.log(lines.join('\n'));
}

/**
 * Stops on SIGINT/SIGTERM, and when the parent process goes away (`npm start` runs this under tsx, whose
 * process may be killed with SIGKILL: nothing would tell this one otherwise). Before the runtime is ready there is
 * nothing to stop cleanly yet: the process exits, and its 'exit' handlers kill DynamoDB Local and unregister.
 */
function stopOnSignals(): { registered(info: RuntimeInfo): void; ready(runtime: LocalRuntime): void } {
  let info: RuntimeInfo | undefined;
  let runtime: LocalRuntime | undefined;
  let stopping = false;
  process.on('exit', () => {
    if (info) removeRuntimeInfoSync(info);
  });
  const stop = (why: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${why}: stopping ...`);
    if (!runtime) process.exit(1);
    runtime
      .stop()
      .then(() => (info ? removeRuntimeInfo(info) : undefined))
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error('could not stop cleanly:', error);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGHUP', () => stop('SIGHUP'));
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop(`the parent process (pid ${parent}) has gone`);
  }, 500).unref();
  return {
    registered: (registeredInfo) => {
      info = registeredInfo;
    },
    ready: (readyRuntime) => {
      runtime = readyRuntime;
    },
  };
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
