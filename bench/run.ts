import './quiet';
import { measureColdLoad } from './cold-load';
import { measureIngest } from './ingest';
import { measurePortal } from './portal';
import { measureSlaEvaluation } from './sla';
import { measureRequests } from './requests';
import { measureFitting, measureForecastJob } from './supply';

/**
 * `npm run bench`: the performance figures of docs/ARCHITECTURE.md §12, measured on this machine.
 * Not a test: it reports, it does not judge. BENCH_ITERATIONS and BENCH_RUNS tune the sample sizes.
 */
async function main(): Promise<void> {
  const iterations = Number(process.env.BENCH_ITERATIONS ?? 20);
  const runs = Number(process.env.BENCH_RUNS ?? 15);

  console.log(`\nDynamoDB requests per API call (DynamoDB Local, ${iterations} calls per route)\n`);
  const routes = await measureRequests(iterations);
  table(
    ['route', 'DynamoDB requests/call', 'p50 ms', 'p95 ms'],
    routes.map((r) => [
      r.route,
      r.dynamoRequests.min === r.dynamoRequests.max
        ? String(r.dynamoRequests.min)
        : `${r.dynamoRequests.min}-${r.dynamoRequests.max}`,
      r.p50ms.toFixed(1),
      r.p95ms.toFixed(1),
    ]),
  );

  const ingestBatches = Number(process.env.BENCH_INGEST_BATCHES ?? 20);
  console.log(`\nMetric ingestion (DynamoDB Local, ${ingestBatches} batches of 500 points, 4 in flight)\n`);
  const ingest = await measureIngest(ingestBatches);
  table(
    ['points/s', 'DynamoDB requests per batch', 'ms per batch'],
    [[String(ingest.pointsPerSecond), String(ingest.dynamoRequestsPerBatch), String(ingest.msPerBatch)]],
  );

  const sizes = (process.env.BENCH_SLA_SIZES ?? '1000,10000').split(',').map(Number);
  console.log(`\nSLA evaluation (DynamoDB Local, steady state, 8 in flight; ${sizes.join(' and ')} active SLAs)\n`);
  const slas = await measureSlaEvaluation(sizes);
  table(
    ['active SLAs', 'seconds', 'evaluations/s', 'DynamoDB requests/evaluation', 'alert changes'],
    slas.map((f) => [
      String(f.slas),
      f.seconds.toFixed(1),
      String(f.evaluationsPerSecond),
      f.requestsPerEvaluation.toFixed(2),
      String(f.alertChanges),
    ]),
  );

  const fitCount = Number(process.env.BENCH_FIT_SERIES ?? 1000);
  console.log(`\nForecasting engine (one core, full model set, ${fitCount} series of 48 monthly points, horizon 12)\n`);
  const fit = measureFitting(fitCount);
  table(['series/s', 'seconds'], [[String(fit.seriesPerSecond), fit.seconds.toFixed(2)]]);
  console.log('\nModels chosen (top 6)\n');
  table(
    ['model', 'series'],
    Object.entries(fit.models)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([model, n]) => [model, String(n)]),
  );

  const forecastSizes = (process.env.BENCH_FORECAST_SIZES ?? '1000,10000').split(',').map(Number);
  console.log(
    `\nForecast job wall time (planner -> in-process queue -> workers, DynamoDB Local; ${forecastSizes.join(' and ')} series)\n`,
  );
  const { jobs, requests } = await measureForecastJob(forecastSizes);
  table(
    ['series', 'seconds', 'series/s', 'batches'],
    jobs.map((j) => [String(j.series), j.seconds.toFixed(1), String(j.seriesPerSecond), String(j.batches)]),
  );
  console.log(
    `\nDynamoDB requests per forecast series (batch of 50): ${requests.fitted} fitted, ${requests.unchanged} unchanged`,
  );
  const cc = requests.coverCheck;
  console.log(
    `Cover check (partners' and network cover): ${cc.products} products, ${cc.levels} levels in ${cc.seconds} s, ${cc.requestsPerProduct} DynamoDB requests per product`,
  );

  console.log(`\nFunction bundles (esbuild, minified) and cold load (median of ${runs} fresh node processes)\n`);
  const { bareMs, bundles } = await measureColdLoad(runs);
  table(
    ['function', 'bundle KB', 'load ms', 'over bare node ms'],
    [
      ['(bare node -e 0)', '-', bareMs.toFixed(1), '-'],
      ...bundles.map((b) => [b.name, b.kb.toFixed(1), b.loadMs.toFixed(1), b.overBareMs.toFixed(1)]),
    ],
  );

  const portalRuns = Number(process.env.BENCH_PORTAL_RUNS ?? 5);
  const portal = await measurePortal(portalRuns);
  console.log('\nPortal: JS + CSS each first screen needs (gzipped, from the build manifest; aim 350 KB)\n');
  table(
    ['screen', 'KB', 'JS KB', 'CSS KB', 'files', 'Brotli KB'],
    portal.sizes.map((s) => [
      s.screen,
      (s.gzipBytes / 1024).toFixed(1),
      (s.jsGzipBytes / 1024).toFixed(1),
      (s.cssGzipBytes / 1024).toFixed(1),
      String(s.files),
      (s.brotliBytes / 1024).toFixed(1),
    ]),
  );
  console.log(
    `\nPortal: first useful screen in Chromium, local runtime (navigation start of /local/sign-in to the heading and first figure; empty cache; ${portalRuns} runs)\n`,
  );
  table(
    ['screen', 'median ms', 'min ms', 'max ms'],
    portal.times.map((t) => [t.screen, String(t.medianMs), String(t.minMs), String(t.maxMs)]),
  );
}

function table(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  rows.forEach((r) => console.log(line(r)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
