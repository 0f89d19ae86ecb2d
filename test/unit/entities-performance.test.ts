import type { Write } from '#shared/db/commit';
import type { MetricDefinition } from '#functions/performance/domain/metric';
import type { Scorecard } from '#functions/performance/domain/scorecard-schema';
import type { SlaDefinition } from '#functions/performance/domain/sla-definition';
import {
  MetricDefinitionEntity,
  MetricPointEntity,
  performanceEntities,
  RollupEntity,
  rollupsBetween,
  ScorecardEntity,
  scorecardsScoreRange,
  SlaDefinitionEntity,
  slasOf,
} from '#functions/performance/entities';

// unit ("offline"): the performance context's key layout. Each entity's stored item carries the keys and index keys
// the table has always held; an SLA leaves the monitor's index when it stops being active and comes back on resume.

const meta = {
  version: 1,
  createdAt: '2027-01-04T09:00:00.000Z',
  updatedAt: '2027-01-04T09:00:00.000Z',
  createdBy: 'u1',
};

const sla = {
  id: 'S1',
  partnerId: 'P1',
  kind: 'threshold',
  name: 'Answer time',
  metric: 'answer_minutes',
  aggregate: 'p95',
  window: 'PT1H',
  comparator: '<=',
  target: 30,
  severity: 'warning',
  source: 'direct',
  status: 'active',
  effectiveFrom: meta.createdAt,
  ...meta,
} as unknown as SlaDefinition;

function updateOf(write: Write): Extract<Write, { kind: 'update' }> {
  if (write.kind !== 'update') throw new Error(`expected an update, got ${write.kind}`);
  return write;
}

describe('SLA definition', () => {
  it("sits in its partner's partition and, while active, in the monitor's index", () => {
    const item = SlaDefinitionEntity.item(sla);
    expect(item).toMatchObject({
      PK: 'P#P1',
      SK: 'SLA#S1',
      GSI2PK: 'SLAS#active',
      GSI2SK: 'P1#S1',
      type: 'SlaDefinition',
    });
    expect(item).not.toHaveProperty('GSI1PK');
    expect(slasOf('P1')).toEqual({ PK: 'P#P1', skPrefix: 'SLA#' });
    expect(SlaDefinitionEntity.indexes.active.pk()).toBe('SLAS#active');
  });

  it('leaves the index when paused or retired, without reading the SLA first', () => {
    const paused = updateOf(SlaDefinitionEntity.update(sla, { status: 'paused' }, { expectedVersion: 1 }));
    expect(paused.key).toEqual({ PK: 'P#P1', SK: 'SLA#S1' });
    expect(paused.set).toEqual({ status: 'paused' });
    expect(paused.remove).toEqual(['GSI2PK', 'GSI2SK']);
    expect(paused.expectedVersion).toBe(1);

    const retired = updateOf(SlaDefinitionEntity.update({ partnerId: 'P1', id: 'S1' }, { status: 'retired' }));
    expect(retired.set).toEqual({ status: 'retired' });
    expect(retired.remove).toEqual(['GSI2PK', 'GSI2SK']);
    expect(retired.expectedVersion).toBeUndefined();
  });

  it('comes back to the index on resume', () => {
    const resumed = updateOf(SlaDefinitionEntity.update({ ...sla, status: 'paused' }, { status: 'active' }));
    expect(resumed.set).toEqual({ status: 'active', GSI2PK: 'SLAS#active', GSI2SK: 'P1#S1' });
    expect(resumed.remove).toEqual([]);
  });
});

describe('metric catalog', () => {
  it('keys a metric by its name, listed by name on GSI1', () => {
    const metric: MetricDefinition = {
      name: 'csat',
      displayName: 'CSAT',
      unit: 'score',
      kind: 'value',
      direction: 'higher-is-better',
      ...meta,
    };
    expect(MetricDefinitionEntity.item(metric)).toMatchObject({
      PK: 'METRIC#csat',
      SK: 'METRIC',
      GSI1PK: 'METRICS',
      GSI1SK: 'csat',
      type: 'MetricDefinition',
    });
  });
});

describe('metric points and rollups', () => {
  it("keys a point by its id within the partner's metric, or by its time and content", () => {
    expect(MetricPointEntity.storage({ partnerId: 'P1', metric: 'csat', clientId: 'c-1' })).toEqual({
      PK: 'M#P1#csat',
      SK: 'ID#c-1',
      type: 'MetricPoint',
    });
    expect(
      MetricPointEntity.key({
        partnerId: 'P1',
        metric: 'csat',
        at: '2027-01-04T09:00:00.000Z',
        contentHash: 'abc',
      }),
    ).toEqual({ PK: 'M#P1#csat', SK: 'P#2027-01-04T09:00:00.000Z#abc' });
  });

  it('keys a bucket by start then resolution, so one range Query returns every resolution', () => {
    const start = '2027-01-04T09:00:00.000Z';
    expect(RollupEntity.storage({ partnerId: 'P1', metric: 'csat', resolution: 'PT1H', start })).toEqual({
      PK: 'M#P1#csat',
      SK: 'B#2027-01-04T09:00:00.000Z#PT1H',
      type: 'Rollup',
    });
    expect(rollupsBetween('P1', 'csat', start, '2027-01-05T00:00:00.000Z')).toEqual({
      PK: 'M#P1#csat',
      between: ['B#2027-01-04T09:00:00.000Z', 'B#2027-01-05T00:00:00.000Z~'],
    });
  });
});

describe('scorecard', () => {
  const card = {
    partnerId: 'P1',
    period: '2027-01',
    from: '2027-01-01T00:00:00.000Z',
    to: '2027-01-04T09:00:00.000Z',
    healthScore: 7,
    slas: [],
    alerts: { raised: { critical: 0, warning: 0, info: 0 }, open: { critical: 0, warning: 0, info: 0 } },
    computedAt: meta.createdAt,
  } as Scorecard;

  it("ranks a month's partners worst first on GSI1, partners without a score last", () => {
    expect(ScorecardEntity.item(card)).toMatchObject({
      PK: 'P#P1',
      SK: 'SCORE#2027-01',
      GSI1PK: 'SCORECARDS#2027-01',
      GSI1SK: '007#P1',
      type: 'Scorecard',
    });
    const { healthScore: _, ...unscored } = card;
    expect(ScorecardEntity.item(unscored as Scorecard)).toMatchObject({ GSI1SK: 'N#P1' });
    expect(ScorecardEntity.indexes.byHealth.pk({ period: '2027-01' })).toBe('SCORECARDS#2027-01');
  });

  it('reads a health band as a key range and "no data" as its own prefix', () => {
    expect(scorecardsScoreRange([0, 49])).toEqual({ between: ['000#', '049#\uffff'] });
    expect(scorecardsScoreRange(undefined)).toEqual({ beginsWith: 'N#' });
  });
});

it('lists every entity of the context once', () => {
  expect(performanceEntities.map((e) => e.type)).toEqual([
    'SlaDefinition',
    'MetricDefinition',
    'MetricPoint',
    'Rollup',
    'Scorecard',
  ]);
});
