import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, dataOf } from '../../../lib/api/client';
import type { paths } from '../../../lib/api/schema';
import type { CsvRow } from '../lib/metrics-csv';

type Json<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;
export type Sla = Json<'/v1/partners/{partnerId}/slas/{slaId}', 'get'>;
export type SlaChange = NonNullable<
  paths['/v1/partners/{partnerId}/slas/{slaId}']['patch']['requestBody']
>['content']['application/json'];
export type Scorecard = Json<'/v1/partners/{partnerId}/scorecard', 'get'>;
export type Series = Json<'/v1/partners/{partnerId}/metrics/{metric}', 'get'>;
export type IngestResult = Json<'/v1/partners/{partnerId}/metrics', 'post'>;
export type PartnerSummary = Json<'/v1/partners', 'get'>['items'][number];

/** The vendor's partners, for names, time zones and the partner pickers (one page of the first 100). */
export function usePartnerDirectory(enabled: boolean) {
  return useQuery({
    queryKey: ['performance', 'partners'],
    queryFn: async () => dataOf(await api.GET('/v1/partners', { params: { query: { limit: 100 } } })),
    enabled,
    staleTime: 60_000,
  });
}

export function usePartnerOf(partnerId: string) {
  return useQuery({
    queryKey: ['performance', 'partner', partnerId],
    queryFn: async () => dataOf(await api.GET('/v1/partners/{partnerId}', { params: { path: { partnerId } } })),
    enabled: partnerId !== '',
  });
}

export function useSlas(partnerId: string | undefined) {
  return useQuery({
    queryKey: ['slas', partnerId],
    queryFn: async () =>
      dataOf(
        await api.GET('/v1/partners/{partnerId}/slas', {
          params: { path: { partnerId: partnerId ?? '' }, query: { limit: 100 } },
        }),
      ),
    enabled: !!partnerId,
  });
}

/** One SLA with the ETag a change must send back (If-Match). */
export function useSla(partnerId: string, slaId: string) {
  return useQuery({
    queryKey: ['slas', partnerId, slaId],
    queryFn: async () => {
      const result = await api.GET('/v1/partners/{partnerId}/slas/{slaId}', {
        params: { path: { partnerId, slaId } },
      });
      return { sla: dataOf(result), etag: result.response.headers.get('etag') ?? `"${dataOf(result).version}"` };
    },
  });
}

export function useUpdateSla(partnerId: string, slaId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ etag, change }: { etag: string; change: SlaChange }) => {
      const result = await api.PATCH('/v1/partners/{partnerId}/slas/{slaId}', {
        params: { path: { partnerId, slaId }, header: { 'If-Match': etag } },
        body: change,
      });
      return { sla: dataOf(result), etag: result.response.headers.get('etag') ?? `"${dataOf(result).version}"` };
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(['slas', partnerId, slaId], saved);
      void queryClient.invalidateQueries({ queryKey: ['slas', partnerId], exact: true });
      void queryClient.invalidateQueries({ queryKey: ['scorecard', partnerId] });
    },
  });
}

export function useScorecard(partnerId: string, period: string) {
  return useQuery({
    queryKey: ['scorecard', partnerId, period],
    queryFn: async () =>
      dataOf(
        await api.GET('/v1/partners/{partnerId}/scorecard', {
          params: { path: { partnerId }, query: { period } },
        }),
      ),
  });
}

export function useSeries(partnerId: string, metric: string, from: string, to: string, resolution: 'hour' | 'day') {
  return useQuery({
    queryKey: ['series', partnerId, metric, from, to, resolution],
    queryFn: async () =>
      dataOf(
        await api.GET('/v1/partners/{partnerId}/metrics/{metric}', {
          params: { path: { partnerId, metric }, query: { from, to, resolution } },
        }),
      ),
  });
}

export interface RowOutcome {
  row: number;
  outcome: 'accepted' | 'duplicate' | 'rejected' | 'not-sent';
  reason?: string;
}

/**
 * Sends the good rows in requests of at most 500 points. Each point is stored whole or not at all by the API;
 * each request carries an idempotency key and each point its id, so a retried request (kept by TanStack Query's
 * retry on a network failure) or a second upload of the same rows never counts a point twice.
 */
export function useReportMetrics(partnerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (batches: CsvRow[][]) => {
      const outcomes: RowOutcome[] = [];
      for (const batch of batches) {
        const key = crypto.randomUUID();
        try {
          const result = await sendWithRetry(partnerId, batch, key);
          const duplicated = new Set(result.duplicated.map((d) => d.index));
          const rejected = new Map(result.rejected.map((r) => [r.index, r.error]));
          batch.forEach((row, index) =>
            outcomes.push(
              rejected.has(index)
                ? { row: row.row, outcome: 'rejected', reason: rejected.get(index)! }
                : { row: row.row, outcome: duplicated.has(index) ? 'duplicate' : 'accepted' },
            ),
          );
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          for (const row of batch) outcomes.push({ row: row.row, outcome: 'not-sent', reason });
        }
      }
      return outcomes;
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['series', partnerId] });
      void queryClient.invalidateQueries({ queryKey: ['scorecard', partnerId] });
      void queryClient.invalidateQueries({ queryKey: ['alerts'] });
    },
  });
}

/** A network failure is retried once with the same idempotency key: the API answers the first outcome again. */
async function sendWithRetry(partnerId: string, batch: CsvRow[], key: string): Promise<IngestResult> {
  const send = async () =>
    dataOf(
      await api.POST('/v1/partners/{partnerId}/metrics', {
        params: { path: { partnerId }, header: { 'Idempotency-Key': key } },
        body: { points: batch.map((r) => r.point!) },
      }),
    );
  try {
    return await send();
  } catch (error) {
    if (error instanceof TypeError) return send();
    throw error;
  }
}
