import { defineEntity } from '#shared/db/entity';
import { partnerPartition } from '#shared/db/partition';
import type { MetricDefinition } from '#functions/performance/domain/metric';
import type { Scorecard } from '#functions/performance/domain/scorecard-schema';
import type { SlaDefinition } from '#functions/performance/domain/sla-definition';

// The performance context's stored objects: each declares its keys, indexes and type (shared/db/entity.ts).

export const SlaDefinitionEntity = defineEntity<SlaDefinition>()({
  type: 'SlaDefinition',
  describe: 'SLA definition',
  key: (s: { partnerId: string; id: string }) => ({ PK: partnerPartition(s.partnerId), SK: `SLA#${s.id}` }),
  indexes: {
    active: {
      index: 'GSI2',
      purpose: 'every active SLA, for the monitor',
      when: { test: (s) => s.status === 'active', says: 'while active' },
      pk: () => 'SLAS#active',
      sk: (s: { partnerId: string; id: string }) => `${s.partnerId}#${s.id}`,
    },
  },
});

/** A partner's SLA definitions, for a Query on its partition. */
export const slasOf = (partnerId: string) => ({ PK: partnerPartition(partnerId), skPrefix: 'SLA#' });

export const MetricDefinitionEntity = defineEntity<MetricDefinition>()({
  type: 'MetricDefinition',
  describe: 'metric catalog entry',
  key: (m: { name: string }) => ({ PK: `METRIC#${m.name}`, SK: 'METRIC' }),
  indexes: {
    catalog: {
      index: 'GSI1',
      purpose: 'the catalog, by name',
      pk: () => 'METRICS',
      sk: (m: { name: string }) => m.name,
    },
  },
});

/**
 * One partner's metric is its own partition (high volume): raw points and rollup buckets. A raw point is its
 * identity's claim: sent with an id, the id alone names it within the partner's metric (`ID#<clientId>`: a retry
 * with another time or reading is the same point); sent without, its time and a hash of its content do
 * (`P#<at>#<contentHash>`).
 */
export interface MetricPointId {
  partnerId: string;
  metric: string;
  clientId?: string | undefined;
  at?: string;
  contentHash?: string;
}

const metricPartition = (partnerId: string, metric: string) => `M#${partnerId}#${metric}`;

export const MetricPointEntity = defineEntity<MetricPointId>()({
  type: 'MetricPoint',
  describe: 'raw metric point sent with an id (without one: `P#<at>#<contentHash>`)',
  key: (p: MetricPointId) => ({
    PK: metricPartition(p.partnerId, p.metric),
    SK: p.clientId !== undefined ? `ID#${p.clientId}` : `P#${p.at}#${p.contentHash}`,
  }),
  expires: '400 days after its time',
});

/** A bucket's key: `start` is the bucket's start as ISO-8601 (the item's own `start` is epoch ms). */
export interface RollupId {
  partnerId: string;
  metric: string;
  resolution: string;
  start: string;
}

/** Buckets sort by start time first, so one Query over a time range returns every resolution in it. */
export const RollupEntity = defineEntity<RollupId>()({
  type: 'Rollup',
  describe: 'rollup bucket: 5-minute, hourly, daily',
  key: (b: RollupId) => ({ PK: metricPartition(b.partnerId, b.metric), SK: `B#${b.start}#${b.resolution}` }),
  expires: '1 day for 5-minute buckets; hourly and daily kept',
});

/** The buckets of one partner's metric starting between two instants (ISO-8601), every resolution. */
export const rollupsBetween = (partnerId: string, metric: string, from: string, to: string) => ({
  PK: metricPartition(partnerId, metric),
  between: [`B#${from}`, `B#${to}~`] as [string, string],
});

/** A health score as GSI1 sorts it; no score sorts after every score: partners without data are not "worst". */
const scoreKey = (score: number | undefined) => (score === undefined ? 'N' : String(score).padStart(3, '0'));

export const ScorecardEntity = defineEntity<Scorecard>()({
  type: 'Scorecard',
  describe: 'stored monthly scorecard',
  key: (c: { partnerId: string; period: string }) => ({ PK: partnerPartition(c.partnerId), SK: `SCORE#${c.period}` }),
  indexes: {
    byHealth: {
      index: 'GSI1',
      purpose: "a month's partners by health, worst first (the dashboard)",
      pk: (c: { period: string }) => `SCORECARDS#${c.period}`,
      sk: (c: { healthScore?: number | undefined; partnerId: string }) => `${scoreKey(c.healthScore)}#${c.partnerId}`,
    },
  },
});

/** GSI1 sort-key condition for a month's scorecards with a score in [min, max], or with none (`undefined`). */
export const scorecardsScoreRange = (scores: readonly [number, number] | undefined) =>
  scores
    ? { between: [`${scoreKey(scores[0])}#`, `${scoreKey(scores[1])}#\uffff`] as [string, string] }
    : { beginsWith: `${scoreKey(undefined)}#` };

export const performanceEntities = [
  SlaDefinitionEntity,
  MetricDefinitionEntity,
  MetricPointEntity,
  RollupEntity,
  ScorecardEntity,
];
