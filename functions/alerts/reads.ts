import { getItem, queryAll, queryPage, toEntity, type Page } from '#shared/db/repository';
import { listPartnerItems } from '#shared/db/partner-items';
import type { Alert, AlertStatusFilter } from '#functions/alerts/domain/alert';
import type { Severity } from '#functions/alerts/domain/severity';
import { alertNotFound } from '#functions/alerts/changes';
import {
  alertKeyOf,
  alertsOf,
  inboxPartition,
  openAlertsOf,
  subjectId,
  type AlertSubjectRef,
  type OpenAlert,
  type StoredAlert,
} from '#functions/alerts/entities';

/** The open alerts of one subject, by severity. */
export type OpenAlerts = Partial<Record<Severity, OpenAlert>>;

/** The open alerts of one subject in a scope (a partner or `VENDOR_SCOPE`): one Query (0 to 3 pointer items). */
export async function readOpenAlerts(scope: string, subject: AlertSubjectRef): Promise<OpenAlerts> {
  const { PK, skPrefix } = openAlertsOf(scope, subject);
  const open: OpenAlerts = {};
  for await (const page of queryAll<OpenAlert>({ partition: PK, sort: { beginsWith: skPrefix }, limit: 25 })) {
    for (const pointer of page) open[pointer.severity] = pointer;
  }
  return open;
}

/**
 * Every open alert of a scope by subject id (`subjectId`: an SLA's id, or e.g. a cover's `cover~<sku>~<location>`):
 * one Query, for the on-ingest evaluator and the cover check.
 */
export async function readOpenAlertsOfPartner(scope: string): Promise<Map<string, OpenAlerts>> {
  const { PK, skPrefix } = openAlertsOf(scope);
  const bySubject = new Map<string, OpenAlerts>();
  for await (const page of queryAll<OpenAlert>({ partition: PK, sort: { beginsWith: skPrefix }, limit: 100 })) {
    for (const pointer of page) {
      const open = bySubject.get(pointer.slaId) ?? {};
      open[pointer.severity] = pointer;
      bySubject.set(pointer.slaId, open);
    }
  }
  return bySubject;
}

/** The open alerts of one subject in what readOpenAlertsOfPartner read. */
export const openAlertsOfSubject = (open: Map<string, OpenAlerts>, subject: AlertSubjectRef): OpenAlerts =>
  open.get(subjectId(subject)) ?? {};

/** An alert of a scope (a partner, or `VENDOR_SCOPE` for a program alert); 404 when there is none. */
export async function getAlert(scope: string, alertId: string): Promise<Alert> {
  const item = await getItem<StoredAlert>(alertKeyOf(scope, alertId));
  if (!item) throw alertNotFound();
  return present(toEntity<StoredAlert>(item));
}

export interface AlertFilter {
  status?: AlertStatusFilter | undefined;
  severity?: Severity | undefined;
}

/** A partner's alerts, newest first: one Query on its partition (a few when filtering). */
export async function listPartnerAlerts(
  partnerId: string,
  filter: AlertFilter,
  page: { limit: number; cursor?: string },
): Promise<Page<Alert>> {
  const result = await listPartnerItems<StoredAlert>(
    partnerId,
    alertsOf(partnerId),
    {
      lifecycle: filter.status === 'open' ? 'open' : undefined,
      status: filter.status === 'open' ? undefined : filter.status,
      severity: filter.severity,
    },
    page,
  );
  return { ...result, items: result.items.map(present) };
}

/**
 * The vendor's inbox across partners, newest first, from the sparse GSI2: open alerts (firing and acknowledged)
 * in one partition, resolved ones in another. The open partition holds only what needs attention, so the inbox
 * page is one Query whatever the history; `firing`/`acknowledged`/`severity` filter within that small set.
 */
export async function listInbox(
  filter: AlertFilter & { status: AlertStatusFilter },
  page: { limit: number; cursor?: string },
): Promise<Page<Alert>> {
  const lifecycle = filter.status === 'resolved' ? 'resolved' : 'open';
  const equals: Record<string, string> = {};
  if (filter.status === 'firing' || filter.status === 'acknowledged') equals.status = filter.status;
  if (filter.severity) equals.severity = filter.severity;
  const result = await queryPage<StoredAlert>({
    index: 'GSI2',
    partition: inboxPartition(lifecycle),
    equals,
    newestFirst: true,
    limit: page.limit,
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
  return { ...result, items: result.items.map(present) };
}

/** Every open alert of the program (partners' and the vendor's), from the inbox's small open partition. */
export async function* openAlertPages<T = Alert>(limit: number): AsyncGenerator<T[]> {
  yield* queryAll<T>({ index: 'GSI2', partition: inboxPartition('open'), limit });
}

/** The API shape of a stored alert. */
function present(alert: StoredAlert): Alert {
  const { lifecycle: _l, ...rest } = alert;
  return rest;
}
