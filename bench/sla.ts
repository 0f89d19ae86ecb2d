import { ulid } from 'ulid';
import { writeAll } from './table';
import { startLocalRuntime } from '#infra/local/runtime';
import { RollupEntity, SlaDefinitionEntity } from '#functions/performance/entities';
import { bucketStart, resolutionMs, type Resolution } from '#functions/performance/domain/windows';
import { evaluateSlasMetered } from '#functions/performance/sla-worker';

/**
 * SLA evaluations per second on DynamoDB Local at two sizes of the active-SLA set, and DynamoDB requests per
 * evaluation. 100 partners report two metrics (CSAT values, ticket counts) with realistic rollups (5-minute for
 * the last 2 hours, hourly for 3 days, daily for 30 days); the SLAs are spread over them, so each evaluation
 * reads a real window with its one Query. The setup writes items directly; only the evaluation is timed.
 */
export interface SlaFigures {
  slas: number;
  seconds: number;
  evaluationsPerSecond: number;
  requestsPerEvaluation: number;
  alertChanges: number;
}

const PARTNERS = 100;

export async function measureSlaEvaluation(sizes: number[]): Promise<SlaFigures[]> {
  const runtime = await startLocalRuntime({
    port: 0,
    tableName: 'accord-bench-sla',
    seed: false,
    schedules: false,
    quiet: true,
  });
  try {
    const now = Date.now();
    const partners = Array.from({ length: PARTNERS }, () => ulid());
    await writeAll(partners.flatMap((p) => rollups(p, now)));
    const figures: SlaFigures[] = [];
    let created: { partnerId: string; slaId: string }[] = [];
    for (const size of sizes) {
      const more = Array.from({ length: size - created.length }, (_, i) => ({
        partnerId: partners[(created.length + i) % PARTNERS]!,
        slaId: ulid(),
        n: created.length + i,
      }));
      await writeAll(more.map((s) => slaItem(s.partnerId, s.slaId, s.n, now)));
      created = [...created, ...more.map(({ partnerId, slaId }) => ({ partnerId, slaId }))];
      // Warm-up pass: the first evaluation of each SLA raises its alerts; the timed pass is the steady state.
      await evaluateSlasMetered(created, { concurrency: 8 });
      const started = performance.now();
      const { summary, requestsPerEvaluation } = await evaluateSlasMetered(created, { concurrency: 8 });
      const seconds = (performance.now() - started) / 1000;
      figures.push({
        slas: created.length,
        seconds: Math.round(seconds * 10) / 10,
        evaluationsPerSecond: Math.round(summary.evaluated / seconds),
        requestsPerEvaluation: Math.round(requestsPerEvaluation * 100) / 100,
        alertChanges: summary.raised + summary.updated + summary.renotified + summary.resolved,
      });
    }
    return figures;
  } finally {
    await runtime.drainEvents(120_000).catch(() => undefined);
    await runtime.stop();
  }
}

/** A mix like a real program's: CSAT thresholds, ticket ratio SLAs and freshness checks. */
function slaItem(partnerId: string, slaId: string, n: number, now: number): Record<string, unknown> {
  const at = new Date(now - 40 * 86_400_000).toISOString();
  const term =
    n % 3 === 0
      ? {
          kind: 'threshold',
          metric: 'csat',
          aggregate: 'avg',
          comparator: '>=',
          target: 4 + (n % 5) / 10,
          window: 'P7D',
          severity: 'warning',
        }
      : n % 3 === 1
        ? {
            kind: 'ratio',
            metric: 'tickets.answered_4h',
            comparator: '>=',
            target: 95,
            window: 'P30D',
            severity: 'critical',
          }
        : { kind: 'freshness', metric: 'csat', window: 'P1D', severity: 'info' };
  return {
    ...SlaDefinitionEntity.storage({ partnerId, id: slaId, status: 'active' } as never),
    id: slaId,
    partnerId,
    ...term,
    name: `bench ${n}`,
    source: 'direct',
    status: 'active',
    effectiveFrom: at,
    version: 1,
    createdAt: at,
    updatedAt: at,
    createdBy: 'bench',
  };
}

function rollups(partnerId: string, now: number): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  const add = (metric: string, resolution: Resolution, span: number, fill: (i: number) => Record<string, number>) => {
    const step = resolutionMs[resolution];
    const last = bucketStart(now, resolution);
    for (let start = last - span + step, i = 0; start <= last; start += step, i++) {
      items.push({
        ...RollupEntity.storage({ partnerId, metric, resolution, start: new Date(start).toISOString() }),
        resolution,
        start,
        metric,
        lastAt: start + step / 2,
        ...fill(i),
      });
    }
  };
  const hour = 3_600_000;
  for (const [resolution, span] of [
    ['PT5M', 2 * hour],
    ['PT1H', 72 * hour],
    ['P1D', 30 * 24 * hour],
  ] as const) {
    add('csat', resolution, span, (i) => ({
      sum: 4.3 * (i % 3 ? 10 : 9),
      count: 10,
      min: 3.8,
      max: 4.9,
      good: 0,
      total: 0,
    }));
    add('tickets.answered_4h', resolution, span, (i) => ({
      sum: 0,
      count: 0,
      min: 0,
      max: 0,
      good: i % 7 ? 97 : 90,
      total: 100,
    }));
  }
  return items;
}
