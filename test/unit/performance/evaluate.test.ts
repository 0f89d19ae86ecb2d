import { evaluateSla, lookbackMs, scaledRules, type SlaUnderEvaluation } from '#functions/performance/domain/evaluate';
import { isoDuration } from '#functions/performance/domain/windows';
import { DAY, HOUR, MINUTE, NOW, eventsEvery5m, rollup, valuesHourly } from '#test/unit/performance/series';

// unit: SLA evaluation (threshold, ratio burn-rate rules, freshness) over rollups.

const ids = { id: '01JZSLA0000000000000000001', partnerId: '01JZPARTNER000000000000001' };

const csat: SlaUnderEvaluation = {
  ...ids,
  kind: 'threshold',
  metric: 'csat',
  aggregate: 'avg',
  comparator: '>=',
  target: 4.2,
  window: 'P7D',
  severity: 'warning',
};

/** 95 % of tickets answered within 4 h over 30 days. */
const answered: SlaUnderEvaluation = {
  ...ids,
  kind: 'ratio',
  metric: 'tickets.answered_4h',
  comparator: '>=',
  target: 95,
  window: 'P30D',
  severity: 'warning',
};

const reporting: SlaUnderEvaluation = {
  ...ids,
  kind: 'freshness',
  metric: 'tickets.answered_4h',
  window: 'PT4H',
  severity: 'critical',
  activeSince: NOW - 90 * DAY,
};

const matchedRules = (e: ReturnType<typeof evaluateSla>) => e.rules!.filter((r) => r.matched).map((r) => r.rule);

describe('threshold SLA: CSAT avg over 7 days >= 4.2', () => {
  it('is breached when the week averages below 4.2, with the SLA severity and the measured average', () => {
    // Prepare: a week of hourly CSAT at 4.1.
    const rollups = rollup(valuesHourly(NOW - 8 * DAY, NOW, () => 4.1));

    // Act
    const evaluation = evaluateSla(csat, rollups, NOW);

    // Assess
    expect(evaluation).toMatchObject({ status: 'breach', severity: 'warning', target: 4.2, window: 'P7D' });
    expect(evaluation.measured).toBeCloseTo(4.1, 10);
    expect(evaluation.detail).toBe('csat avg over P7D is 4.1, target >= 4.2: breach');
  });

  it('is ok when the week averages above 4.2, even with single answers below it', () => {
    const rollups = rollup(valuesHourly(NOW - 8 * DAY, NOW, (at) => (Math.floor(at / HOUR) % 2 ? 3.9 : 4.7)));

    const evaluation = evaluateSla(csat, rollups, NOW);

    expect(evaluation.status).toBe('ok');
    expect(evaluation.severity).toBeUndefined();
    expect(evaluation.measured).toBeCloseTo(4.3, 2);
  });

  it('compares in the direction of the comparator (max handle time <= 300 s)', () => {
    const handleTime: SlaUnderEvaluation = {
      ...csat,
      metric: 'handle_time',
      aggregate: 'max',
      comparator: '<=',
      target: 300,
    };
    const rollups = rollup([
      { at: NOW - 2 * HOUR, value: 240 },
      { at: NOW - HOUR, value: 320 },
    ]);

    expect(evaluateSla(handleTime, rollups, NOW)).toMatchObject({ status: 'breach', measured: 320 });
    expect(evaluateSla({ ...handleTime, aggregate: 'min' }, rollups, NOW)).toMatchObject({
      status: 'ok',
      measured: 240,
    });
  });

  it('reports no data when nothing was reported in the window', () => {
    const rollups = rollup(valuesHourly(NOW - 30 * DAY, NOW - 8 * DAY, () => 4.8));

    const evaluation = evaluateSla(csat, rollups, NOW);

    expect(evaluation).toMatchObject({ status: 'no-data', kind: 'threshold', window: 'P7D' });
    expect(evaluation.measured).toBeUndefined();
  });
});

describe('ratio SLA: 95 % of tickets answered within 4 h over 30 days (burn-rate rules)', () => {
  it('pages critical on 1h/5m@14.4x for a burst of failures, and on no other rule', () => {
    // Prepare: 99 % good for a month, then nothing answered in time for the last 55 minutes.
    const burstFrom = NOW - 55 * MINUTE;
    const rollups = rollup(eventsEvery5m(NOW - 30 * DAY, NOW, (at) => (at >= burstFrom ? 0 : 99)));

    // Act
    const evaluation = evaluateSla(answered, rollups, NOW);

    // Assess
    expect(evaluation).toMatchObject({
      status: 'breach',
      severity: 'critical',
      rule: '1h/5m@14.4x',
      window: 'PT1H',
      shortWindow: 'PT5M',
      target: 95,
    });
    expect(matchedRules(evaluation)).toEqual(['1h/5m@14.4x']);
    const fast = evaluation.rules![0]!;
    expect(fast.burnLong).toBeGreaterThanOrEqual(14.4);
    expect(fast.burnShort).toBeCloseTo(20, 10); // 100 % bad / 5 % budget
    expect(evaluation.measured).toBeGreaterThan(95); // the month is still fine: the burn is what pages
    expect(evaluation.detail).toMatch(
      /^tickets\.answered_4h: error budget burning at [\d.]+x over PT1H and 20x over PT5M /,
    );
  });

  it('warns on 3d/6h@1x only for a mild sustained miss (93 % good for 5 days against 95 %)', () => {
    // Prepare: 99 % good for 25 days, then 93 % for the last 5.
    const missFrom = NOW - 5 * DAY;
    const rollups = rollup(eventsEvery5m(NOW - 30 * DAY, NOW, (at) => (at >= missFrom ? 93 : 99)));

    // Act
    const evaluation = evaluateSla(answered, rollups, NOW);

    // Assess: burn 7 % / 5 % = 1.4x over 3 days and over 6 hours.
    expect(evaluation).toMatchObject({
      status: 'breach',
      severity: 'warning',
      rule: '3d/6h@1x',
      window: 'P3D',
      shortWindow: 'PT6H',
    });
    expect(matchedRules(evaluation)).toEqual(['3d/6h@1x']);
    const slow = evaluation.rules![2]!;
    expect(slow.burnLong).toBeCloseTo(1.4, 10);
    expect(slow.burnShort).toBeCloseTo(1.4, 10);
    // Over 30 days: (7200 reports x 99 + 1440 x 93) / 864,000 events = 98 % good; 2 % of a 5 % budget spent.
    expect(evaluation.measured).toBeCloseTo(98, 10);
    expect(evaluation.budgetRemaining).toBeCloseTo(0.6, 10);
  });

  it('takes the worst matching rule when several match, and is ok when the budget burns slowly', () => {
    // Prepare: a 7-hour outage trips every rule; a steady 96 % burns 0.8x.
    const outage = rollup(eventsEvery5m(NOW - 30 * DAY, NOW, (at) => (at >= NOW - 7 * HOUR ? 0 : 99)));
    const steady = rollup(eventsEvery5m(NOW - 30 * DAY, NOW, () => 96));

    const bad = evaluateSla(answered, outage, NOW);
    const fine = evaluateSla(answered, steady, NOW);

    expect(matchedRules(bad)).toEqual(['1h/5m@14.4x', '6h/30m@6x', '3d/6h@1x']);
    expect(bad).toMatchObject({ severity: 'critical', rule: '1h/5m@14.4x' });
    expect(fine).toMatchObject({ status: 'ok', measured: 96 });
    expect(fine.severity).toBeUndefined();
    expect(fine.rule).toBeUndefined();
    expect(fine.budgetRemaining).toBeCloseTo(0.2, 10);
  });

  it('matches a rule at exactly its burn rate (72 of 100 bad against 95 % is 14.4x)', () => {
    const rollups = rollup(eventsEvery5m(NOW - 30 * DAY, NOW, () => 28));

    const evaluation = evaluateSla(answered, rollups, NOW);

    expect(evaluation.rules![0]).toMatchObject({ burnLong: 14.4, burnShort: 14.4, matched: true });
    expect(evaluation.rule).toBe('1h/5m@14.4x');
  });

  it('reports no data without events over the SLA window', () => {
    expect(evaluateSla(answered, {}, NOW)).toMatchObject({ status: 'no-data', window: 'P30D' });
  });

  it('scales the rule windows with the SLA window, never below 5 minutes', () => {
    const windows = (days: number) =>
      scaledRules(days * DAY).map((r) => `${isoDuration(r.longMs)}/${isoDuration(r.shortMs)}@${r.burnRate}x`);

    expect(windows(30)).toEqual(['PT1H/PT5M@14.4x', 'PT6H/PT30M@6x', 'P3D/PT6H@1x']);
    expect(windows(7)).toEqual(['PT15M/PT5M@14.4x', 'PT1H25M/PT5M@6x', 'PT16H50M/PT1H25M@1x']);
    expect(windows(90)).toEqual(['PT3H/PT15M@14.4x', 'PT18H/PT1H30M@6x', 'P9D/PT18H@1x']);
    expect(lookbackMs({ ...answered, window: 'P7D' })).toBe(7 * DAY);
    expect(lookbackMs(csat)).toBe(7 * DAY);
  });

  it('pages a 7-day objective on its scaled windows, named after the workbook rule', () => {
    const weekly: SlaUnderEvaluation = { ...answered, window: 'P7D' };
    const rollups = rollup(eventsEvery5m(NOW - 7 * DAY, NOW, (at) => (at >= NOW - 20 * MINUTE ? 0 : 99)));

    const evaluation = evaluateSla(weekly, rollups, NOW);

    expect(evaluation).toMatchObject({ status: 'breach', rule: '1h/5m@14.4x', window: 'PT15M', shortWindow: 'PT5M' });
  });
});

describe('freshness SLA: a report at least every 4 hours', () => {
  const lastReport = NOW - 3 * HOUR;
  const rollups = rollup([
    ...eventsEvery5m(NOW - 2 * DAY, lastReport, () => 99),
    { at: lastReport, good: 1, total: 1 },
  ]);

  it('is ok while the last report is within the window, and breached once it is older', () => {
    // Act
    const fresh = evaluateSla(reporting, rollups, NOW);
    const stale = evaluateSla(reporting, rollups, lastReport + 4 * HOUR + 5 * MINUTE);

    // Assess
    expect(fresh).toMatchObject({ status: 'ok', measured: 3 * HOUR, target: 4 * HOUR });
    expect(stale).toMatchObject({ status: 'breach', severity: 'critical', measured: 4 * HOUR + 5 * MINUTE });
    expect(stale.detail).toBe(
      'tickets.answered_4h: last report PT4H5M ago at 2026-06-30T09:02:30.000Z, allowed gap PT4H: breach',
    );
  });

  it('is breached when nothing was ever reported and the SLA is older than its window', () => {
    const evaluation = evaluateSla(reporting, {}, NOW);

    expect(evaluation).toMatchObject({ status: 'breach', severity: 'critical' });
    expect(evaluation.measured).toBeUndefined();
  });

  it('gives a new SLA one window of grace before its first report', () => {
    const fresh: SlaUnderEvaluation = { ...reporting, activeSince: NOW - HOUR };

    expect(evaluateSla(fresh, {}, NOW)).toMatchObject({ status: 'ok' });
    expect(evaluateSla(fresh, {}, NOW + 3 * HOUR + MINUTE)).toMatchObject({ status: 'breach' });
  });
});
