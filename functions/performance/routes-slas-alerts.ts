import { pageOf } from '#shared/domain/common';
import { PartnerParams } from '#functions/partners/index';
import {
  CreateSlaInput,
  ListSlasQuery,
  SlaDefinitionSchema,
  SlaParams,
  UpdateSlaInput,
} from '#functions/performance/domain/sla-definition';
import { created, ok, route, type AnyRoute } from '#shared/http/route';
import { createSla, getSla, listSlas, updateSla } from '#functions/performance/slas';
import { alertRoutes } from '#functions/alerts/index';
import { may } from '#functions/performance/policy';

const slaBase = '/v1/partners/{partnerId}/slas';
const invalid = { 400: { description: 'Invalid input; `errors` names each field' } };
const page = (q: { limit: number; cursor?: string | undefined }) => ({
  limit: q.limit,
  ...(q.cursor ? { cursor: q.cursor } : {}),
});

const slaRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    path: slaBase,
    summary: 'A partner’s SLA definitions (from agreements and direct), newest first',
    tags: ['slas'],
    access: may['sla:list'],
    operationId: 'listSlas',
    description: 'SLAs from the partner’s agreements and set directly, newest first, optionally by status.',
    params: PartnerParams,
    query: ListSlasQuery,
    responses: { 200: { description: 'A page of SLA definitions', schema: pageOf(SlaDefinitionSchema) } },
    handler: async ({ params, query }) => ok(await listSlas(params.partnerId, query.status, page(query))),
  }),
  route({
    method: 'POST',
    path: slaBase,
    summary: 'Add a direct SLA (threshold, ratio or freshness); it is monitored at once',
    tags: ['slas'],
    access: may['sla:create'],
    operationId: 'createSla',
    description:
      'Adds an SLA outside any agreement: a threshold on an aggregate, a ratio of good events, or a freshness (longest gap between reports). It is evaluated from now on.',
    example: {
      kind: 'threshold',
      metric: 'csat',
      aggregate: 'avg',
      comparator: '>=',
      target: 4.2,
      window: 'P7D',
      severity: 'warning',
      name: 'CSAT at least 4.2 over a week',
    },
    params: PartnerParams,
    body: CreateSlaInput,
    responses: {
      201: { description: 'The SLA definition', schema: SlaDefinitionSchema },
      ...invalid,
      409: { description: 'The partner is offboarded' },
    },
    handler: async ({ params, body, ctx }) => {
      const sla = await createSla(ctx, params.partnerId, body);
      return created(sla, `${slaBase.replace('{partnerId}', params.partnerId)}/${sla.id}`, sla.version);
    },
  }),
  route({
    method: 'GET',
    path: `${slaBase}/{slaId}`,
    summary: 'Read an SLA definition',
    tags: ['slas'],
    access: may['sla:read'],
    operationId: 'getSla',
    description: 'One SLA with its status; the ETag is the version a change needs.',
    params: SlaParams,
    responses: { 200: { description: 'The SLA definition (ETag: its version)', schema: SlaDefinitionSchema } },
    handler: async ({ params }) => {
      const sla = await getSla(params.partnerId, params.slaId);
      return ok(sla, sla.version);
    },
  }),
  route({
    method: 'PATCH',
    path: `${slaBase}/{slaId}`,
    summary:
      'Tune an SLA (target, window, severity, comparator, aggregate, name) or pause/resume it (If-Match required)',
    tags: ['slas'],
    access: may['sla:update'],
    operationId: 'updateSla',
    description:
      'Changes the fields sent; the kind and the metric are fixed. `status` pauses or resumes monitoring; a retired SLA (its agreement ended) answers 409.',
    example: { target: 4.3, window: 'P14D' },
    params: SlaParams,
    body: UpdateSlaInput,
    ifMatch: true,
    responses: {
      200: { description: 'The SLA definition', schema: SlaDefinitionSchema },
      ...invalid,
      409: { description: 'The SLA is retired' },
      412: { description: 'Stale If-Match' },
    },
    handler: async ({ params, body, ctx, ifMatch }) => {
      const sla = await updateSla(ctx, params.partnerId, params.slaId, ifMatch, body);
      return ok(sla, sla.version);
    },
  }),
];

export const slaAlertRoutes: AnyRoute[] = [...slaRoutes, ...alertRoutes];
