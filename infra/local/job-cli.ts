import { scheduledFunctions } from '#functions/manifest';
import { CliError, detailOf, requestServer, runCli } from '#infra/local/cli';

/**
 * `npm run job -- <name>`: the running server (`npm start`) runs a scheduled job now, and this prints the
 * job's summary once the work it queued is done: what the planner sent and what its workers did. Fails when no
 * server runs: a job run on a database nobody serves would change nothing anyone sees.
 */

async function main(): Promise<void> {
  const job = process.argv[2];
  const known = scheduledFunctions().map((f) => f.job);
  if (!job || !known.includes(job)) {
    throw new CliError(
      `usage: npm run job -- <name>; known jobs: ${known.join(', ')}${job ? ` (got ${JSON.stringify(job)})` : ''}`,
    );
  }
  const answer = await requestServer('POST', `/local/jobs/${encodeURIComponent(job)}`);
  if (answer.status !== 200) throw new CliError(detailOf(answer));
  console.log(JSON.stringify(answer.body, null, 2));
}

runCli(main);
