import { systemContext } from '#shared/context';
import type { Write } from '#shared/db/commit';
import { VENDOR_SCOPE } from '#shared/db/partition';
import type { AlertState } from '#functions/alerts/domain/alerts';
import {
  AlertEntity,
  alertKeyOf,
  alertsEntities,
  alertsOf,
  dedupKeyOf,
  inboxPartition,
  OpenAlertEntity,
  openAlertsOf,
  subjectId,
  subjectKind,
  subjectMetric,
  type AlertSubject,
  type OpenAlert,
  type StoredAlert,
} from '#functions/alerts/entities';
import { raiseChange, resolveWrites, updateChange } from '#functions/alerts/changes';

// unit ("offline"): the alerts context's key layout. An alert sits in its partner's partition (a program alert in the
// vendor's) and in the inbox's open partition until it resolves; its subject (an SLA or one of supply's checks) keys
// the open-alert pointer exactly as the table has always held it.

const T0 = Date.parse('2027-01-04T09:00:00.000Z');

const state: AlertState = {
  status: 'firing',
  severity: 'warning',
  firstSeen: T0,
  lastSeen: T0,
  occurrences: 1,
  measured: 3.9,
  target: 4.2,
  window: 'P7D',
  lastNotifiedAt: T0,
};

const alert = {
  id: 'A1',
  partnerId: 'P1',
  slaId: 'S1',
  metric: 'csat',
  severity: 'warning',
  status: 'firing',
  dedupKey: 'P1:csat:S1:warning',
  target: 4.2,
  window: 'P7D',
  detail: 'csat below target',
  occurrences: 1,
  firstSeen: '2027-01-04T09:00:00.000Z',
  lastSeen: '2027-01-04T09:00:00.000Z',
  lastNotifiedAt: '2027-01-04T09:00:00.000Z',
  version: 1,
  createdAt: '2027-01-04T09:00:00.000Z',
  updatedAt: '2027-01-04T09:00:00.000Z',
  createdBy: 'system:sla-monitor',
  lifecycle: 'open',
} satisfies StoredAlert;

const pointer: OpenAlert = {
  alertId: 'A1',
  partnerId: 'P1',
  slaId: 'S1',
  metric: 'csat',
  severity: 'warning',
  dedupKey: 'P1:csat:S1:warning',
  state,
  version: 1,
};

const subjects: Record<AlertSubject['kind'], AlertSubject> = {
  sla: { kind: 'sla', slaId: 'S1', metric: 'csat' },
  'demand-shift': { kind: 'demand-shift', sku: 'SKU-1', granularity: 'week' },
  cover: { kind: 'cover', sku: 'SKU-1', location: 'BER' },
  'network-cover': { kind: 'network-cover', sku: 'SKU-1', location: 'BER' },
};

function updateOf(write: Write): Extract<Write, { kind: 'update' }> {
  if (write.kind !== 'update') throw new Error(`expected an update, got ${write.kind}`);
  return write;
}

function putOf(write: Write): Extract<Write, { kind: 'put' }> {
  if (write.kind !== 'put') throw new Error(`expected a put, got ${write.kind}`);
  return write;
}

describe('Alert', () => {
  it("sits in its partner's partition and, while open, in the inbox's open partition", () => {
    const item = AlertEntity.item(alert);
    expect(item).toMatchObject({ PK: 'P#P1', SK: 'ALERT#A1', GSI2PK: 'ALERTS#open', GSI2SK: 'A1', type: 'Alert' });
    expect(item).not.toHaveProperty('GSI1PK');
    expect(alertKeyOf('P1', 'A1')).toEqual({ PK: 'P#P1', SK: 'ALERT#A1' });
    expect(alertsOf('P1')).toEqual({ PK: 'P#P1', skPrefix: 'ALERT#' });
    expect(inboxPartition('open')).toBe('ALERTS#open');
    expect(inboxPartition('resolved')).toBe('ALERTS#resolved');
  });

  it("keeps a program alert (no partner) in the vendor's partition", () => {
    const { partnerId: _p, ...program } = alert;
    expect(AlertEntity.item(program)).toMatchObject({ PK: 'VENDOR', SK: 'ALERT#A1', GSI2PK: 'ALERTS#open' });
    expect(alertKeyOf(VENDOR_SCOPE, 'A1')).toEqual({ PK: 'VENDOR', SK: 'ALERT#A1' });
    expect(alertsOf(VENDOR_SCOPE)).toEqual({ PK: 'VENDOR', skPrefix: 'ALERT#' });
  });

  it('moves to the resolved partition when it resolves, and leaves the inbox without a lifecycle', () => {
    const resolved = updateOf(AlertEntity.update(alert, { lifecycle: 'resolved' }, { expectedVersion: 1 }));
    expect(resolved.key).toEqual({ PK: 'P#P1', SK: 'ALERT#A1' });
    expect(resolved.set).toMatchObject({ lifecycle: 'resolved', GSI2PK: 'ALERTS#resolved', GSI2SK: 'A1' });
    expect(resolved.remove).toEqual([]);

    const outside = updateOf(AlertEntity.update(alert, {}, { remove: ['lifecycle'] }));
    expect(outside.set).not.toHaveProperty('GSI2PK');
    expect(outside.remove).toEqual(['lifecycle', 'GSI2PK', 'GSI2SK']);
  });
});

describe('open-alert pointer', () => {
  it('is keyed by scope, subject and severity, apart from the alert list', () => {
    expect(OpenAlertEntity.item(pointer)).toMatchObject({
      PK: 'P#P1',
      SK: 'ALERTKEY#S1#warning',
      type: 'OpenAlert',
    });
    expect(OpenAlertEntity.item(pointer)).not.toHaveProperty('GSI2PK');
    expect(openAlertsOf('P1', subjects.sla)).toEqual({ PK: 'P#P1', skPrefix: 'ALERTKEY#S1#' });
    expect(openAlertsOf('P1', { kind: 'sla', slaId: 'S1' })).toEqual({ PK: 'P#P1', skPrefix: 'ALERTKEY#S1#' });
    expect(openAlertsOf('P1')).toEqual({ PK: 'P#P1', skPrefix: 'ALERTKEY#' });
    expect(openAlertsOf(VENDOR_SCOPE, subjects['network-cover'])).toEqual({
      PK: 'VENDOR',
      skPrefix: 'ALERTKEY#network-cover~SKU-1~BER#',
    });
  });

  it('takes each subject’s id, metric, kind and dedup key as stored since supply alerts began', () => {
    expect(Object.values(subjects).map(subjectId)).toEqual([
      'S1',
      'demand-shift~SKU-1~week',
      'cover~SKU-1~BER',
      'network-cover~SKU-1~BER',
    ]);
    expect(Object.values(subjects).map(subjectMetric)).toEqual([
      'csat',
      'SKU-1 sell-through',
      'SKU-1 days of cover at BER',
      'SKU-1 days of cover at BER (network)',
    ]);
    expect(Object.values(subjects).map(subjectKind)).toEqual([
      undefined,
      'demand-shift',
      'cover-below-lead-time',
      'network-cover-below-lead-time',
    ]);
    expect(dedupKeyOf('P1', subjects.sla, 'warning')).toBe('P1:csat:S1:warning');
    expect(dedupKeyOf('P1', subjects['demand-shift'], 'warning')).toBe('P1:SKU-1:demand-shift:week');
    expect(dedupKeyOf('P1', subjects.cover, 'warning')).toBe('P1:SKU-1:BER:cover');
    expect(dedupKeyOf(VENDOR_SCOPE, subjects['network-cover'], 'warning')).toBe('network:SKU-1:BER:cover');
  });
});

describe('alert changes', () => {
  const ctx = systemContext('cover-check', 'tick');

  it('raises a cover alert and its pointer, put if absent, with AlertRaised and no SlaBreached', () => {
    const change = raiseChange(ctx, {
      scope: 'P1',
      subject: subjects.cover,
      detail: 'SKU-1 at BER: 3 days of cover',
      state,
      fields: { suggestedReplenishment: 40 },
    });
    const [alertPut, pointerPut] = change.writes.map(putOf);
    expect(alertPut!.ifAbsent).toBe(true);
    expect(alertPut!.item).toMatchObject({
      PK: 'P#P1',
      SK: `ALERT#${change.alertId}`,
      GSI2PK: 'ALERTS#open',
      GSI2SK: change.alertId,
      type: 'Alert',
      lifecycle: 'open',
      partnerId: 'P1',
      slaId: 'cover~SKU-1~BER',
      metric: 'SKU-1 days of cover at BER',
      dedupKey: 'P1:SKU-1:BER:cover',
      kind: 'cover-below-lead-time',
      sku: 'SKU-1',
      location: 'BER',
      suggestedReplenishment: 40,
      status: 'firing',
      version: 1,
    });
    expect(pointerPut!.ifAbsent).toBe(true);
    expect(pointerPut!.item).toMatchObject({
      PK: 'P#P1',
      SK: 'ALERTKEY#cover~SKU-1~BER#warning',
      type: 'OpenAlert',
      alertId: change.alertId,
      partnerId: 'P1',
      slaId: 'cover~SKU-1~BER',
    });
    expect(change.events.map((e) => e.detailType)).toEqual(['AlertRaised']);
  });

  it('raises a program alert in the vendor’s partition, without a partner', () => {
    const change = raiseChange(ctx, {
      scope: VENDOR_SCOPE,
      subject: subjects['network-cover'],
      detail: 'short',
      state,
    });
    const [alertPut, pointerPut] = change.writes.map(putOf);
    expect(alertPut!.item).toMatchObject({ PK: 'VENDOR', GSI2PK: 'ALERTS#open', dedupKey: 'network:SKU-1:BER:cover' });
    expect(alertPut!.item).not.toHaveProperty('partnerId');
    expect(pointerPut!.item).toMatchObject({ PK: 'VENDOR', SK: 'ALERTKEY#network-cover~SKU-1~BER#warning' });
    expect(pointerPut!.item).toMatchObject({ partnerId: VENDOR_SCOPE });
  });

  it('updates alert and pointer on their shared version; resolving moves the alert and deletes the pointer', () => {
    const next: AlertState = { ...state, lastSeen: T0 + 60_000, occurrences: 2 };
    const [alertUpdate, pointerUpdate] = updateChange(ctx, pointer, next, { action: 'updated' }).writes.map(updateOf);
    expect(alertUpdate).toMatchObject({ key: { PK: 'P#P1', SK: 'ALERT#A1' }, expectedVersion: 1 });
    expect(alertUpdate!.set).toMatchObject({ occurrences: 2, GSI2PK: 'ALERTS#open' });
    expect(alertUpdate!.remove).toEqual(expect.arrayContaining(['healthySince', 'rule']));
    expect(pointerUpdate).toMatchObject({
      key: { PK: 'P#P1', SK: 'ALERTKEY#S1#warning' },
      set: { state: next },
      expectedVersion: 1,
    });

    const { writes } = resolveWrites(ctx, pointer, { resolution: 'recovered', notify: true });
    expect(updateOf(writes[0]!).set).toMatchObject({ lifecycle: 'resolved', GSI2PK: 'ALERTS#resolved', GSI2SK: 'A1' });
    expect(writes[1]).toEqual({ kind: 'delete', key: { PK: 'P#P1', SK: 'ALERTKEY#S1#warning' } });
  });

  it('declares every stored object of the context', () => {
    expect(alertsEntities.map((e) => e.type)).toEqual(['Alert', 'OpenAlert']);
  });
});
