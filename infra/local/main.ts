import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime';
import { defaultDataDir, readRuntimeInfo, removeRuntimeInfo, writeRuntimeInfo } from '#infra/local/runtime-file';

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
  const runtime = await startLocalRuntime({ port, dataDir, tableName, seed: true, schedules: true });
  // Let the seed's events run through the consumers first, so the banner is the last thing printed.
  await runtime.drainEvents();
  await writeRuntimeInfo(dataDir, {
    url: runtime.url,
    pid: process.pid,
    tableName,
    dynamoEndpoint: runtime.dynamoEndpoint,
    startedAt: new Date().toISOString(),
  });
  stopOnSignals(runtime, dataDir);
  printBanner(runtime, Date.now() - started);
}

function printBanner(runtime: LocalRuntime, ms: number): void {
  const [first, second] = runtime.seeded;
  const tokens: [string, string][] = [
    ['admin', runtime.mint({ role: 'admin' })],
    ['manager', runtime.mint({ role: 'manager' })],
  ];
  if (first) tokens.push([`partner-admin of ${first.name} (${first.id})`, runtime.mint({ role: 'partner-admin', partnerId: first.id })]);
  const userOf = second ?? first;
  if (userOf) tokens.push([`partner-user of ${userOf.name} (${userOf.id})`, runtime.mint({ role: 'partner-user', partnerId: userOf.id })]);
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
    'Ctrl-C stops; the data stays for the next start.',
    '',
  ];
  console.log(lines.join('\n'));
}

function stopOnSignals(runtime: LocalRuntime, dataDir: string): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping ...`);
    runtime
      .stop()
      .then(() => removeRuntimeInfo(dataDir))
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
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
