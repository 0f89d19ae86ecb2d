import { useRef } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, dataOf } from '../../../lib/api/client';
import { idempotencyKeyFor } from './idempotency';
import type { paths } from '../../../lib/api/schema';

type Json<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type Partner = Json<'/v1/partners/{partnerId}', 'get'>;
export type PartnerStatus = Partner['status'];
export type CreatePartnerBody = NonNullable<
  paths['/v1/partners']['post']['requestBody']
>['content']['application/json'];

/** The lifecycle as the API allows it (functions/partners/domain/partner.ts): the actions a status offers. */
export const nextStatuses: Record<PartnerStatus, PartnerStatus[]> = {
  prospect: ['onboarding', 'offboarded'],
  onboarding: ['active', 'offboarded'],
  active: ['suspended', 'offboarded'],
  suspended: ['active', 'offboarded'],
  offboarded: [],
};

/** A partner with the ETag a change must send as If-Match. */
export function usePartner(partnerId: string) {
  return useQuery({
    queryKey: ['partner', partnerId],
    queryFn: async () => {
      const result = await api.GET('/v1/partners/{partnerId}', { params: { path: { partnerId } } });
      const partner = dataOf(result);
      return { partner, etag: result.response.headers.get('etag') ?? `"${partner.version}"` };
    },
  });
}

/** Open alerts of one partner; polled like the dashboard, so a new breach shows without a reload. */
export function useOpenAlerts(partnerId: string) {
  return useQuery({
    queryKey: ['alerts', partnerId, 'open'],
    queryFn: async () =>
      dataOf(
        await api.GET('/v1/partners/{partnerId}/alerts', {
          params: { path: { partnerId }, query: { status: 'open', limit: 50 } },
        }),
      ),
    refetchInterval: 10_000,
  });
}

export function useCreatePartner() {
  const client = useQueryClient();
  const memory = useRef<{ body?: string; key?: string }>({}).current;
  return useMutation({
    mutationFn: async (body: CreatePartnerBody) =>
      dataOf(
        await api.POST('/v1/partners', {
          body,
          params: { header: { 'Idempotency-Key': idempotencyKeyFor(memory, body) } },
        }),
      ),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['partners'] });
    },
  });
}
