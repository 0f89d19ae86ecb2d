import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, dataOf } from '../../../lib/api/client';
import type { paths } from '../../../lib/api/schema';
import { isVendor, type Session } from '../../../lib/session';

export type Alert = paths['/v1/alerts']['get']['responses'][200]['content']['application/json']['items'][number];
export type Severity = Alert['severity'];
export const severities = ['critical', 'warning', 'info'] as const satisfies readonly Severity[];
export const statusFilters = ['open', 'firing', 'acknowledged', 'resolved'] as const;
export type StatusFilter = (typeof statusFilters)[number];

/** New alerts must reach an open inbox without a reload (issue 10: within 15 s): it polls. */
export const INBOX_POLL_MS = 10_000;
export const INBOX_PAGE_SIZE = 50;

export interface AlertFilters {
  severity?: Severity | undefined;
  status: StatusFilter;
  /** Vendor only: one partner's alerts. */
  partnerId?: string | undefined;
  cursor?: string | undefined;
}

/** The vendor's inbox across partners, or a partner person's own partner's alerts; the same filters for both. */
export function useAlerts(session: Session, filters: AlertFilters) {
  const vendor = isVendor(session);
  const own = session.partnerId ?? '';
  const query = {
    status: filters.status,
    limit: INBOX_PAGE_SIZE,
    ...(filters.severity ? { severity: filters.severity } : {}),
    ...(filters.cursor ? { cursor: filters.cursor } : {}),
  };
  return useQuery({
    queryKey: ['alerts', 'inbox', vendor ? 'vendor' : own, filters],
    queryFn: async () =>
      vendor
        ? dataOf(
            await api.GET('/v1/alerts', {
              params: { query: { ...query, ...(filters.partnerId ? { partnerId: filters.partnerId } : {}) } },
            }),
          )
        : dataOf(await api.GET('/v1/partners/{partnerId}/alerts', { params: { path: { partnerId: own }, query } })),
    refetchInterval: INBOX_POLL_MS,
    placeholderData: keepPreviousData,
  });
}

const ifMatch = (alert: Alert) => `"${alert.version}"`;

/**
 * Acknowledge or resolve each selected alert with the version it was read at (a change in between is a 412 for
 * that alert only) and an idempotency key, so a retried request never acts twice. Every alert is tried; the
 * result says which succeeded and the first failure.
 */
export function useAlertAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({
      alerts,
      action,
      note,
    }: {
      alerts: Alert[];
      action: 'acknowledge' | 'resolve';
      note?: string;
    }) => {
      const outcomes = await Promise.allSettled(alerts.map((alert) => act(alert, action, note ?? '')));
      const done = outcomes.filter((o) => o.status === 'fulfilled').length;
      const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
      return { done, error: failure?.reason as unknown };
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['alerts'] }),
  });
}

async function act(alert: Alert, action: 'acknowledge' | 'resolve', note: string) {
  const header = { 'If-Match': ifMatch(alert), 'Idempotency-Key': crypto.randomUUID() };
  const alertId = alert.id;
  if (action === 'acknowledge') {
    return alert.partnerId
      ? dataOf(
          await api.POST('/v1/partners/{partnerId}/alerts/{alertId}/acknowledge', {
            params: { path: { partnerId: alert.partnerId, alertId }, header },
          }),
        )
      : dataOf(await api.POST('/v1/alerts/{alertId}/acknowledge', { params: { path: { alertId }, header } }));
  }
  return alert.partnerId
    ? dataOf(
        await api.POST('/v1/partners/{partnerId}/alerts/{alertId}/resolve', {
          params: { path: { partnerId: alert.partnerId, alertId }, header },
          body: { note },
        }),
      )
    : dataOf(await api.POST('/v1/alerts/{alertId}/resolve', { params: { path: { alertId }, header }, body: { note } }));
}
