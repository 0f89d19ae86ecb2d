import {
  errorBudget,
  healthScore,
  healthyTime,
  kpiVsTarget,
  ratioCompliance,
  scoreSla,
} from '#functions/performance/domain/scorecard';
import { DAY, HOUR } from '#test/unit/performance/series';

// unit: scorecard arithmetic on a hand-computed example.

describe('a partner scorecard over 10 days', () => {
  const period = { from: 0, to: 10 * DAY };

  it('computes compliance, error budget and health score as worked out by hand', () => {
    // Prepare
    // CSAT (critical): breached from day 1 to 1.5 (warning) and 1.25 to 2 (critical): 1 day of 10 -> 90 %.
    const csatTime = healthyTime(period, [
      { from: 1 * DAY, to: 1.5 * DAY },
      { from: 1.25 * DAY, to: 2 * DAY },
    ]);
    // Tickets answered within 4 h (warning), objective 95 %: 930 of 1000 good -> 93 %; 70 bad of 50 allowed,
    // 1.4 budgets consumed, -40 % left; score 100 x (2 - 1.4) = 60.
    // Reporting (info): never stale -> 100.
    // One warning alert still open: -5.
    // Health: (90 x 3 + 60 x 2 + 100 x 1) / 6 = 81.67, - 5 = 76.67 -> 77.

    // Act
    const csat = scoreSla({ kind: 'threshold', severity: 'critical', ...csatTime });
    const tickets = scoreSla({ kind: 'ratio', severity: 'warning', target: 95, good: 930, total: 1000 });
    const reporting = scoreSla({ kind: 'freshness', severity: 'info', healthy: 10 * DAY, breached: 0 });
    const health = healthScore([csat, tickets, reporting], { warning: 1 });

    // Assess
    expect(csatTime).toEqual({ healthy: 9 * DAY, breached: 1 * DAY });
    expect(csat).toEqual({ severity: 'critical', compliance: 90, met: false, score: 90 });
    expect(tickets.compliance).toBeCloseTo(93, 10);
    expect(tickets.met).toBe(false);
    expect(tickets.budgetRemaining).toBeCloseTo(-0.4, 10);
    expect(tickets.score).toBeCloseTo(60, 10);
    expect(reporting).toEqual({ severity: 'info', compliance: 100, met: true, score: 100 });
    expect(health).toBe(77);
  });

  it('counts a breach still open at the end of the period up to the end, and clips breaches before it', () => {
    expect(healthyTime(period, [{ from: -DAY, to: 2 * HOUR }, { from: 9 * DAY }])).toEqual({
      healthy: 10 * DAY - 2 * HOUR - DAY,
      breached: 2 * HOUR + DAY,
    });
  });
});

describe('error budget', () => {
  it('is the share of allowed bad events not spent yet', () => {
    expect(errorBudget(9_990, 10_000, 99.9)).toMatchObject({ bad: 10, consumed: expect.closeTo(1, 10) as unknown });
    const half = errorBudget(995, 1000, 99)!;
    expect(half.allowedBad).toBeCloseTo(10, 10);
    expect(half.remaining).toBeCloseTo(0.5, 10);
    expect(errorBudget(0, 0, 99)).toBeUndefined();
    expect(ratioCompliance(0, 0)).toBeUndefined();
  });

  it('keeps a ratio SLA at 100 while within budget and at 0 from twice the budget on', () => {
    expect(scoreSla({ kind: 'ratio', severity: 'critical', target: 95, good: 960, total: 1000 }).score).toBe(100);
    expect(scoreSla({ kind: 'ratio', severity: 'critical', target: 95, good: 850, total: 1000 }).score).toBe(0);
  });
});

describe('health score', () => {
  it('stays within 0-100 however many alerts are open', () => {
    expect(healthScore([{ severity: 'warning', score: 50 }], { critical: 5 })).toBe(0);
    expect(healthScore([{ severity: 'warning', score: 100 }], {})).toBe(100);
  });

  it('gives no score when no SLA had data, rather than a perfect one', () => {
    const empty = scoreSla({ kind: 'threshold', severity: 'critical', healthy: 0, breached: 0 });

    expect(empty).toEqual({ severity: 'critical', compliance: undefined, met: undefined, score: undefined });
    expect(healthScore([empty], { critical: 1 })).toBeUndefined();
  });
});

describe('KPI value vs target', () => {
  it('reads attainment in the direction of the comparator', () => {
    expect(kpiVsTarget(4.6, 4.2, '>=')).toMatchObject({
      met: true,
      gap: expect.closeTo(0.4, 10) as unknown,
      attainment: expect.closeTo(109.52, 2) as unknown,
    });
    expect(kpiVsTarget(150, 120, '<=')).toMatchObject({ met: false, gap: 30, attainment: 80 });
    expect(kpiVsTarget(120, 120, '<')).toMatchObject({ met: false, attainment: 100 });
    expect(kpiVsTarget(-1, 0, '>').attainment).toBeUndefined();
  });
});
