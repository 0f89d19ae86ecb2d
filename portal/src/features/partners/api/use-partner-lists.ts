import { useRef } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, dataOf } from '../../../lib/api/client';
import type { paths } from '../../../lib/api/schema';
import { idempotencyKeyFor } from './idempotency';

export type PartnerQuery = NonNullable<paths['/v1/partners']['get']['parameters']['query']>;
type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer T } };
}
  ? T
  : never;

/** One page of the vendor's partner list: the filters and order are the API's, the cursor the page's. */
export function usePartnerList(query: PartnerQuery) {
  return useQuery({
    queryKey: ['partners', query],
    queryFn: async () => dataOf(await api.GET('/v1/partners', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function usePeople(partnerId: string) {
  return useQuery({
    queryKey: ['people', partnerId],
    queryFn: async () =>
      dataOf(
        await api.GET('/v1/partners/{partnerId}/users', { params: { path: { partnerId }, query: { limit: 100 } } }),
      ),
  });
}

export type Person = NonNullable<ReturnType<typeof usePeople>['data']>['items'][number];
export type NewPerson = Body<'/v1/partners/{partnerId}/users', 'post'>;

export function useAddPerson(partnerId: string) {
  const client = useQueryClient();
  const memory = useRef<{ body?: string; key?: string }>({}).current;
  return useMutation({
    mutationFn: async (body: NewPerson) =>
      dataOf(
        await api.POST('/v1/partners/{partnerId}/users', {
          params: { path: { partnerId }, header: { 'Idempotency-Key': idempotencyKeyFor(memory, body) } },
          body,
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['people', partnerId] }),
  });
}

export function useChangeRole(partnerId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ person, role }: { person: Person; role: Person['role'] }) =>
      dataOf(
        await api.PATCH('/v1/partners/{partnerId}/users/{userId}', {
          params: { path: { partnerId, userId: person.id }, header: { 'If-Match': `"${person.version}"` } },
          body: { role },
        }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: ['people', partnerId] }),
  });
}

export function useRemovePerson(partnerId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (person: Person) => {
      await api.DELETE('/v1/partners/{partnerId}/users/{userId}', {
        params: { path: { partnerId, userId: person.id }, header: { 'If-Match': `"${person.version}"` } },
      });
    },
    onSettled: () => client.invalidateQueries({ queryKey: ['people', partnerId] }),
  });
}

export function useAgreements(partnerId: string, cursor: string | undefined) {
  return useQuery({
    queryKey: ['agreements', partnerId, cursor],
    queryFn: async () =>
      dataOf(
        await api.GET('/v1/partners/{partnerId}/agreements', {
          params: { path: { partnerId }, query: { limit: 25, ...(cursor ? { cursor } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useSlas(partnerId: string) {
  return useQuery({
    queryKey: ['slas', partnerId],
    queryFn: async () =>
      dataOf(
        await api.GET('/v1/partners/{partnerId}/slas', { params: { path: { partnerId }, query: { limit: 100 } } }),
      ),
  });
}

/** This month's scorecard (computed now by the API): each SLA's compliance so far. */
export function useScorecard(partnerId: string) {
  return useQuery({
    queryKey: ['scorecard', partnerId, 'current'],
    queryFn: async () =>
      dataOf(await api.GET('/v1/partners/{partnerId}/scorecard', { params: { path: { partnerId } } })),
  });
}

export function useAudit(partnerId: string, cursor: string | undefined) {
  return useQuery({
    queryKey: ['audit', partnerId, cursor],
    queryFn: async () =>
      dataOf(
        await api.GET('/v1/audit', { params: { query: { partnerId, limit: 25, ...(cursor ? { cursor } : {}) } } }),
      ),
    placeholderData: keepPreviousData,
  });
}
