/**
 * The agreements screens' server state: queries keyed by the API path they read, mutations that invalidate what
 * they change. Writes the API guards with If-Match send the version they read; creations send an Idempotency-Key
 * made once per form, so a retried or double-clicked submit never creates twice.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, dataOf } from '../../../lib/api/client';
import type { operations } from '../../../lib/api/schema';

type Ok<O extends keyof operations> = operations[O]['responses'] extends {
  200: { content: { 'application/json': infer T } };
}
  ? T
  : never;
type Body<O extends keyof operations> = operations[O] extends {
  requestBody: { content: { 'application/json': infer T } };
}
  ? T
  : never;

export type Agreement = Ok<'getAgreement'>;
export type AgreementStatus = Agreement['status'];
export type AgreementKind = Agreement['kind'];
export type Version = Ok<'getAgreementVersion'>;
export type VersionSummary = Ok<'listAgreementVersions'>['items'][number];
export type TermsInput = Body<'createAgreement'>['terms'];
export type NewAgreement = Body<'createAgreement'>;
export type Risk = Ok<'getRisk'>;
export type RiskInput = Body<'createRisk'>;
export type RiskChange = Body<'updateRisk'>;
export type PlanningSession = Ok<'getPlanningSession'>;
export type PlanningInput = Body<'createPlanningSession'>;

export const agreementStatuses = ['draft', 'negotiating', 'active', 'terminated', 'expired'] as const;
export const agreementKinds = [
  'reseller',
  'distribution',
  'supply',
  'service',
  'joint-venture',
  'revenue-share',
  'nda',
] as const;
export const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });
export const newIdempotencyKey = (): string => crypto.randomUUID();

/** The program's agreements (the vendor's across partners, a partner person's own), one page per cursor. */
export function useProgramAgreements(filter: { status?: AgreementStatus; partnerId?: string }, cursor?: string) {
  return useQuery({
    queryKey: ['agreements', filter, cursor ?? ''],
    queryFn: async () =>
      dataOf(
        await api.GET('/v1/agreements', {
          params: { query: { ...filter, limit: 25, ...(cursor ? { cursor } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Partner names for the vendor's filter and column (the program is small: one page of 100). */
export function usePartnerNames(enabled: boolean) {
  return useQuery({
    queryKey: ['partners', 'names'],
    queryFn: async () => dataOf(await api.GET('/v1/partners', { params: { query: { limit: 100 } } })),
    enabled,
    select: (page) => page.items.map((p) => ({ id: p.id, name: p.name })),
  });
}

export function usePartner(partnerId: string) {
  return useQuery({
    queryKey: ['partner', partnerId],
    queryFn: async () => dataOf(await api.GET('/v1/partners/{partnerId}', { params: { path: { partnerId } } })),
  });
}

export function useAgreement(partnerId: string, agreementId: string) {
  return useQuery({
    queryKey: ['agreement', partnerId, agreementId],
    queryFn: async () =>
      dataOf(
        await api.GET('/v1/partners/{partnerId}/agreements/{agreementId}', {
          params: { path: { partnerId, agreementId } },
        }),
      ),
  });
}

export function useVersions(partnerId: string, agreementId: string) {
  return useQuery({
    queryKey: ['agreement', partnerId, agreementId, 'versions'],
    queryFn: async () =>
      dataOf(
        await api.GET('/v1/partners/{partnerId}/agreements/{agreementId}/versions', {
          params: { path: { partnerId, agreementId }, query: { limit: 100 } },
        }),
      ),
  });
}

/** A version's full terms. Versions are immutable: read once, kept. */
export function useVersion(partnerId: string, agreementId: string, n: number | undefined) {
  return useQuery({
    queryKey: ['agreement', partnerId, agreementId, 'versions', n],
    queryFn: async () =>
      dataOf(
        await api.GET('/v1/partners/{partnerId}/agreements/{agreementId}/versions/{n}', {
          params: { path: { partnerId, agreementId, n: n ?? 1 } },
        }),
      ),
    enabled: n !== undefined,
    staleTime: Infinity,
  });
}

function useInvalidateAgreement(partnerId: string, agreementId?: string) {
  const client = useQueryClient();
  return (agreement?: Agreement) => {
    if (agreement) client.setQueryData(['agreement', partnerId, agreement.id], agreement);
    void client.invalidateQueries({ queryKey: ['agreements'] });
    if (agreementId) void client.invalidateQueries({ queryKey: ['agreement', partnerId, agreementId] });
  };
}

export function useCreateAgreement(partnerId: string) {
  const done = useInvalidateAgreement(partnerId);
  return useMutation({
    mutationFn: async ({ body, key }: { body: NewAgreement; key: string }) =>
      dataOf(
        await api.POST('/v1/partners/{partnerId}/agreements', {
          params: { path: { partnerId }, header: { 'Idempotency-Key': key } },
          body,
        }),
      ),
    onSuccess: (agreement) => done(agreement),
  });
}

export function usePropose(partnerId: string, agreementId: string) {
  const done = useInvalidateAgreement(partnerId, agreementId);
  return useMutation({
    mutationFn: async ({ version, summary, terms }: { version: number; summary: string; terms: TermsInput }) =>
      dataOf(
        await api.POST('/v1/partners/{partnerId}/agreements/{agreementId}/proposals', {
          params: { path: { partnerId, agreementId }, header: ifMatch(version) },
          body: { summary, terms },
        }),
      ),
    onSuccess: (agreement) => done(agreement),
  });
}

export function useSign(partnerId: string, agreementId: string) {
  const done = useInvalidateAgreement(partnerId, agreementId);
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ version, key }: { version: number; key: string }) =>
      dataOf(
        await api.POST('/v1/partners/{partnerId}/agreements/{agreementId}/signatures', {
          params: { path: { partnerId, agreementId }, header: { 'Idempotency-Key': key } },
          body: { version },
        }),
      ),
    onSuccess: (agreement) => {
      done(agreement);
      // Activation creates the partner's SLA definitions.
      if (agreement.status === 'active') void client.invalidateQueries({ queryKey: ['slas', partnerId] });
    },
  });
}

export function useTerminate(partnerId: string, agreementId: string) {
  const done = useInvalidateAgreement(partnerId, agreementId);
  return useMutation({
    mutationFn: async ({ version, reason, effectiveAt }: { version: number; reason: string; effectiveAt: string }) =>
      dataOf(
        await api.POST('/v1/partners/{partnerId}/agreements/{agreementId}/terminate', {
          params: { path: { partnerId, agreementId }, header: ifMatch(version) },
          body: { reason, effectiveAt },
        }),
      ),
    onSuccess: (agreement) => done(agreement),
  });
}

export function useRisks(partnerId: string) {
  return useQuery({
    queryKey: ['risks', partnerId],
    queryFn: async () =>
      dataOf(
        await api.GET('/v1/partners/{partnerId}/risks', { params: { path: { partnerId }, query: { limit: 100 } } }),
      ),
  });
}

export function useSaveRisk(partnerId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (
      change: { create: RiskInput; key: string } | { riskId: string; version: number; update: RiskChange },
    ) =>
      'create' in change
        ? dataOf(
            await api.POST('/v1/partners/{partnerId}/risks', {
              params: { path: { partnerId }, header: { 'Idempotency-Key': change.key } },
              body: change.create,
            }),
          )
        : dataOf(
            await api.PATCH('/v1/partners/{partnerId}/risks/{riskId}', {
              params: { path: { partnerId, riskId: change.riskId }, header: ifMatch(change.version) },
              body: change.update,
            }),
          ),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['risks', partnerId] }),
  });
}

export function usePlanningSessions(partnerId: string) {
  return useQuery({
    queryKey: ['planning-sessions', partnerId],
    queryFn: async () =>
      dataOf(
        await api.GET('/v1/partners/{partnerId}/planning-sessions', {
          params: { path: { partnerId }, query: { limit: 100 } },
        }),
      ),
  });
}

export function useRecordPlanningSession(partnerId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, key }: { body: PlanningInput; key: string }) =>
      dataOf(
        await api.POST('/v1/partners/{partnerId}/planning-sessions', {
          params: { path: { partnerId }, header: { 'Idempotency-Key': key } },
          body,
        }),
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['planning-sessions', partnerId] }),
  });
}
