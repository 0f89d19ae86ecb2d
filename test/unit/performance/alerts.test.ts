import {
  acknowledgeAlert,
  alertKey,
  decideAlert,
  decideSlaAlerts,
  defaultAlertPolicy,
  type AlertState,
} from '#functions/alerts/domain/alerts';
import { evaluateSla, type Evaluation, type SlaUnderEvaluation } from '#functions/performance/domain/evaluate';
import { ConflictError } from '#shared/errors';
import { DAY, HOUR, MINUTE, NOW, eventsEvery5m, rollup } from '#test/unit/performance/series';

// unit: the alert state machine (raise, update, re-notify, keep firing, resolve, missing data, escalation).

const base = {
  slaId: '01JZSLA0000000000000000001',
  partnerId: '01JZPARTNER000000000000001',
  metric: 'csat',
  kind: 'threshold',
  target: 4.2,
  window: 'P7D',
} as const;

const breach = (measured = 4.0): Evaluation => ({
  ...base,
  status: 'breach',
  severity: 'warning',
  measured,
  detail: `csat avg over P7D is ${measured}, target >= 4.2: breach`,
});
const ok: Evaluation = { ...base, status: 'ok', measured: 4.5, detail: 'csat avg over P7D is 4.5, target >= 4.2' };
const noData: Evaluation = { ...base, status: 'no-data', detail: 'csat avg over P7D: no data reported in the window' };

/** The alert as it stands after a breach at `NOW` (raised, notified). */
const raised = (): AlertState => decideAlert(undefined, breach(), NOW).next!;

/** Feeds evaluations one tick after another, as the monitor would, and returns every decision. */
function run(start: AlertState | undefined, ticks: [number, Evaluation][]) {
  let state = start;
  return ticks.map(([at, evaluation]) => {
    const decision = decideAlert(state, evaluation, at);
    state = decision.next;
    return decision;
  });
}

describe('raise and update', () => {
  it('raises a firing alert on the first breach and notifies', () => {
    const decision = decideAlert(undefined, breach(4.05), NOW);

    expect(decision).toMatchObject({ action: 'raise', notify: true });
    expect(decision.next).toEqual({
      status: 'firing',
      severity: 'warning',
      firstSeen: NOW,
      lastSeen: NOW,
      occurrences: 1,
      measured: 4.05,
      target: 4.2,
      window: 'P7D',
      lastNotifiedAt: NOW,
    });
  });

  it('updates a firing alert on the next breach without notifying again', () => {
    const decision = decideAlert(raised(), breach(3.9), NOW + 5 * MINUTE);

    expect(decision).toMatchObject({ action: 'update', notify: false });
    expect(decision.next).toMatchObject({ firstSeen: NOW, lastSeen: NOW + 5 * MINUTE, occurrences: 2, measured: 3.9 });
  });

  it('builds the dedup key partner:metric:sla:severity', () => {
    expect(alertKey('P1', 'csat', 'S1', 'critical')).toBe('P1:csat:S1:critical');
  });
});

describe('re-notification', () => {
  it('notifies again every 4 hours while firing and unacknowledged', () => {
    const [early, due, after] = run(raised(), [
      [NOW + 4 * HOUR - 5 * MINUTE, breach()],
      [NOW + 4 * HOUR, breach()],
      [NOW + 4 * HOUR + 5 * MINUTE, breach()],
    ]);

    expect(early).toMatchObject({ action: 'update', notify: false });
    expect(due).toMatchObject({ action: 'renotify', notify: true });
    expect(due!.next!.lastNotifiedAt).toBe(NOW + 4 * HOUR);
    expect(after).toMatchObject({ action: 'update', notify: false });
  });

  it('stays quiet once acknowledged, though the alert keeps counting occurrences', () => {
    const acknowledged = acknowledgeAlert(raised(), NOW + HOUR);

    const decision = decideAlert(acknowledged, breach(), NOW + 5 * HOUR);

    expect(decision).toMatchObject({ action: 'update', notify: false });
    expect(decision.next).toMatchObject({ status: 'acknowledged', occurrences: 2, lastNotifiedAt: NOW });
  });

  it('acknowledges only a firing alert', () => {
    const acknowledged = acknowledgeAlert(raised(), NOW + HOUR);

    expect(acknowledged).toMatchObject({ status: 'acknowledged', acknowledgedAt: NOW + HOUR });
    expect(() => acknowledgeAlert(acknowledged, NOW + 2 * HOUR)).toThrow(ConflictError);
  });
});

describe('keep firing (no flapping)', () => {
  it('does not resolve on one good window, and a breach in between restarts the wait', () => {
    // Act: good, good, bad, good, good ... ticks every 5 minutes.
    const decisions = run(raised(), [
      [NOW + 5 * MINUTE, ok],
      [NOW + 10 * MINUTE, ok],
      [NOW + 15 * MINUTE, breach()],
      [NOW + 20 * MINUTE, ok],
      [NOW + 30 * MINUTE, ok],
      [NOW + 35 * MINUTE, ok],
    ]);

    // Assess
    expect(decisions.map((d) => d.action)).toEqual([
      'recovering',
      'recovering',
      'update',
      'recovering',
      'recovering',
      'resolve',
    ]);
    expect(decisions.map((d) => d.notify)).toEqual([false, false, false, false, false, true]);
    expect(decisions[0]!.next).toMatchObject({ status: 'firing', healthySince: NOW + 5 * MINUTE });
    expect(decisions[2]!.next!.healthySince).toBeUndefined();
    expect(decisions[5]!.next).toMatchObject({
      status: 'resolved',
      healthySince: NOW + 20 * MINUTE,
      resolvedAt: NOW + 35 * MINUTE,
    });
    expect(defaultAlertPolicy.keepFiringMs).toBe(15 * MINUTE);
  });

  it('resolves an acknowledged alert the same way', () => {
    const acknowledged = acknowledgeAlert(raised(), NOW + MINUTE);

    const [, resolved] = run(acknowledged, [
      [NOW + 5 * MINUTE, ok],
      [NOW + 20 * MINUTE, ok],
    ]);

    expect(resolved).toMatchObject({ action: 'resolve', notify: true, next: { status: 'resolved' } });
  });

  it('does nothing for a healthy SLA without an open alert', () => {
    expect(decideAlert(undefined, ok, NOW)).toEqual({
      action: 'none',
      next: undefined,
      notify: false,
      missingData: false,
      reason: 'healthy',
    });
  });
});

describe('breach after resolve', () => {
  it('opens a new alert with a new firstSeen and a fresh count', () => {
    const [, resolved] = run(raised(), [
      [NOW + 5 * MINUTE, ok],
      [NOW + 20 * MINUTE, ok],
    ]);

    const decision = decideAlert(resolved!.next, breach(3.8), NOW + 2 * HOUR);

    expect(decision).toMatchObject({ action: 'raise', notify: true });
    expect(decision.next).toMatchObject({
      status: 'firing',
      firstSeen: NOW + 2 * HOUR,
      occurrences: 1,
      measured: 3.8,
    });
    expect(decision.next!.resolvedAt).toBeUndefined();
  });
});

describe('missing data', () => {
  it('leaves an open threshold or ratio alert as it is and flags the missing data', () => {
    const alert = raised();

    const decision = decideAlert(alert, noData, NOW + 5 * MINUTE);

    expect(decision).toMatchObject({ action: 'none', notify: false, missingData: true });
    expect(decision.next).toBe(alert);
    expect(decideAlert(undefined, noData, NOW)).toMatchObject({ action: 'none', missingData: true });
  });

  it('treats a freshness SLA without data as a breach', () => {
    const alert: AlertState = { ...raised(), window: 'PT4H', target: 4 * HOUR };
    const stale: Evaluation = { ...noData, kind: 'freshness', metric: 'tickets', window: 'PT4H', target: 4 * HOUR };

    expect(decideAlert(alert, stale, NOW + 5 * MINUTE)).toMatchObject({
      action: 'update',
      missingData: false,
      next: { occurrences: 2 },
    });
  });
});

describe('severity escalation on one ratio SLA', () => {
  const ratio = {
    ...base,
    kind: 'ratio',
    metric: 'tickets.answered_4h',
    target: 95,
    window: 'P3D',
    shortWindow: 'PT6H',
  } as const;
  const warning: Evaluation = {
    ...ratio,
    status: 'breach',
    severity: 'warning',
    rule: '3d/6h@1x',
    detail: 'slow burn',
  };
  const critical: Evaluation = {
    ...ratio,
    status: 'breach',
    severity: 'critical',
    rule: '1h/5m@14.4x',
    window: 'PT1H',
    shortWindow: 'PT5M',
    detail: 'fast burn',
  };
  const key = (severity: string) => `${base.partnerId}:tickets.answered_4h:${base.slaId}:${severity}`;

  it('raises the critical alert and resolves the open warning quietly', () => {
    const open = { warning: decideAlert(undefined, warning, NOW).next! };

    const decisions = decideSlaAlerts(open, critical, NOW + 5 * MINUTE);

    expect(decisions.map((d) => [d.key, d.decision.action, d.decision.notify, d.decision.next?.status])).toEqual([
      [key('critical'), 'raise', true, 'firing'],
      [key('warning'), 'resolve', false, 'resolved'],
    ]);
    expect(decisions[1]!.decision.reason).toBe('superseded by the critical alert of the same SLA');
  });

  it('lets the critical alert recover through keep-firing when only the warning rule still matches', () => {
    const open = { critical: decideAlert(undefined, critical, NOW).next! };

    const decisions = decideSlaAlerts(open, warning, NOW + 30 * MINUTE);

    expect(decisions.map((d) => [d.severity, d.decision.action, d.decision.notify])).toEqual([
      ['critical', 'recovering', false],
      ['warning', 'raise', true],
    ]);
  });
});

describe('from evaluation to alert', () => {
  it('pages on a burst, clears the short window within minutes of the fix and resolves 15 minutes later', () => {
    // Prepare: 95 % objective; 99 % good, then nothing answered in time for the 55 minutes before NOW, fixed at NOW.
    const sla: SlaUnderEvaluation = {
      id: base.slaId,
      partnerId: base.partnerId,
      kind: 'ratio',
      metric: 'tickets.answered_4h',
      comparator: '>=',
      target: 95,
      window: 'P30D',
      severity: 'warning',
    };
    const good = (at: number) => (at >= NOW - 55 * MINUTE && at < NOW ? 0 : 99);
    const tick = (at: number): [number, Evaluation] => [
      at,
      evaluateSla(sla, rollup(eventsEvery5m(NOW - 30 * DAY, at, good)), at),
    ];

    // Act: the monitor's ticks, each seeing what was reported up to then.
    const decisions = run(undefined, [NOW, NOW + 5 * MINUTE, NOW + 15 * MINUTE, NOW + 20 * MINUTE].map(tick));

    // Assess
    expect(decisions.map((d) => [d.action, d.notify])).toEqual([
      ['raise', true],
      ['recovering', false],
      ['recovering', false],
      ['resolve', true],
    ]);
    expect(decisions[0]!.next).toMatchObject({ severity: 'critical', rule: '1h/5m@14.4x', window: 'PT1H' });
  });
});
