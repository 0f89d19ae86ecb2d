import { scheduledFunctions } from '#functions/manifest';
import { startLocalRuntime } from '#infra/local/runtime';
import { defaultDataDir, readRuntimeInfo } from '#infra/local/runtime-file';

/**
 * `npm run job -- <name>`: runs a scheduled job now and prints its summary. When `npm start` is running on
 * the same data dir, the server runs it (POST /local/jobs/<name>): two processes must not open one
 * database. Otherwise the job runs here, on the data dir, with the stream relayed before stopping.
 */

async function main(): Promise<void> {
  // Local development runs Node 20 (Lambda runs 24); the SDK's "Node >= 22 from 2027" notice is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const job = process.argv[2];
  const known = scheduledFunctions().map((f) => f.job);
  if (!job || !known.includes(job)) {
    throw new Error(`usage: npm run job -- <name>; known jobs: ${known.join(', ')}${job ? ` (got ${JSON.stringify(job)})` : ''}`);
  }
  const dataDir = defaultDataDir();
  const running = await readRuntimeInfo(dataDir);
  if (running) {
    const res = await fetch(`${running.url}/local/jobs/${encodeURIComponent(job)}`, { method: 'POST' });
    const text = await res.text();
    if (!res.ok) throw new Error(`the server at ${running.url} answered ${res.status}: ${text}`);
    console.log(JSON.stringify(JSON.parse(text), null, 2));
    return;
  }
  const runtime = await startLocalRuntime({
    port: 0,
    dataDir,
    tableName: process.env.TABLE_NAME || 'accord-local',
    quiet: true,
  });
  try {
    const summary = await runtime.runJob(job);
    // The job's events go through the relay and consumers now, not at the next `npm start`.
    await runtime.drainEvents();
    console.log(JSON.stringify(summary ?? null, null, 2));
  } finally {
    await runtime.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
