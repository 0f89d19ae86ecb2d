import { startLocalRuntime } from '#infra/local/runtime';
import { observeRequests } from '#shared/http/pipeline';

/**
 * Metric ingestion throughput on DynamoDB Local: batches of 500 points (one metric, spread over 12 hours, so
 * points share 5-minute, hourly and daily buckets as real call-center reporting does), a few batches in flight.
 */
export interface IngestFigures {
  batches: number;
  pointsPerBatch: number;
  pointsPerSecond: number;
  dynamoRequestsPerBatch: number;
  msPerBatch: number;
}

export async function measureIngest(batches: number, inFlight = 4): Promise<IngestFigures> {
  const runtime = await startLocalRuntime({
    port: 0,
    tableName: 'accord-bench-ingest',
    seed: true,
    schedules: false,
    quiet: true,
  });
  const requests: number[] = [];
  const unsubscribe = observeRequests((o) => {
    if (o.routeKey === 'POST /v1/partners/{partnerId}/metrics') requests.push(o.dynamoRequests);
  });
  try {
    const partnerId = runtime.seeded[0]!.id;
    const token = runtime.mint({ role: 'partner-admin', partnerId });
    const base = Date.now() - 13 * 3600_000;
    const batch = (n: number) => ({
      points: Array.from({ length: 500 }, (_, i) => ({
        metric: 'tickets.answered_4h',
        at: new Date(base + ((n * 500 + i) % 720) * 60_000 + n).toISOString(),
        good: 9 + (i % 2),
        total: 10,
        id: `bench-${n}-${i}`,
      })),
    });
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < batches) {
          const n = next++;
          const res = await fetch(`${runtime.url}/v1/partners/${partnerId}/metrics`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify(batch(n)),
          });
          if (res.status !== 200) throw new Error(`ingest failed: ${res.status} ${await res.text()}`);
          await res.arrayBuffer();
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    return {
      batches,
      pointsPerBatch: 500,
      pointsPerSecond: Math.round((batches * 500) / seconds),
      dynamoRequestsPerBatch: Math.round(requests.reduce((a, b) => a + b, 0) / Math.max(1, requests.length)),
      msPerBatch: Math.round((seconds * 1000 * inFlight) / batches),
    };
  } finally {
    unsubscribe();
    await runtime.drainEvents().catch(() => undefined);
    await runtime.stop();
  }
}
