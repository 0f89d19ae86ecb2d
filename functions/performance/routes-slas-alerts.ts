import { pageOf } from '#shared/domain/common';
import { PartnerParams } from '#functions/partners/domain/partner';
import { VENDOR_SCOPE } from '#shared/db/keys';
import {
  AlertParams,
  AlertSchema,
  InboxQuery,
  ListAlertsQuery,
  ProgramAlertParams,
  ResolveAlertInput,
} from '#functions/performance/domain/alert';
import {
  CreateSlaInput,
  ListSlasQuery,
  SlaDefinitionSchema,
  SlaParams,
  UpdateSlaInput,
} from '#functions/performance/domain/sla-definition';
import { created, ok, route, type AnyRoute } from '#shared/http/route';
import {
  acknowledge,
  getAlert,
  listInbox,
  listPartnerAlerts,
  resolveManually,
} from '#functions/performance/alert-store';
import { createSla, getSla, listSlas, updateSla } from '#functions/performance/slas';
import { may as alertsMay } from '#functions/alerts/policy';
import { may } from '#functions/performance/policy';

const slaBase = '/v1/partners/{partnerId}/slas';
const alertBase = '/v1/partners/{partnerId}/alerts';
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

/**
 * Program alerts concern no single partner (a location's stock against the whole network's demand): the vendor
 * reads and handles them by id under /v1/alerts; partners never see them.
 */
const programAlertRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    path: '/v1/alerts/{alertId}',
    summary: 'One program alert (no partner: network cover), with the ETag to acknowledge or resolve it',
    tags: ['alerts'],
    access: alertsMay['alert:inbox'],
    operationId: 'getProgramAlert',
    description:
      'A program alert concerns no single partner (a location’s stock against the whole network’s demand); the ETag is the version to acknowledge or resolve it with.',
    params: ProgramAlertParams,
    responses: {
      200: { description: 'The alert', schema: AlertSchema },
      404: { description: 'No such program alert (a partner’s alert is read under its partner)' },
    },
    handler: async ({ params }) => {
      const alert = await getAlert(VENDOR_SCOPE, params.alertId);
      return ok(alert, alert.version);
    },
  }),
  route({
    method: 'POST',
    path: '/v1/alerts/{alertId}/acknowledge',
    summary: 'Acknowledge a firing program alert: it stops re-notifying (vendor; If-Match required)',
    tags: ['alerts'],
    access: alertsMay['alert:resolve'],
    operationId: 'acknowledgeProgramAlert',
    description:
      'Stops re-notifying about the alert while it still fires; it resolves itself when the condition clears.',
    params: ProgramAlertParams,
    ifMatch: true,
    responses: {
      200: { description: 'The alert', schema: AlertSchema },
      409: { description: 'Not firing' },
      412: { description: 'Stale If-Match' },
    },
    handler: async ({ params, ctx, ifMatch }) => {
      const alert = await acknowledge(ctx, VENDOR_SCOPE, params.alertId, ifMatch);
      return ok(alert, alert.version);
    },
  }),
  route({
    method: 'POST',
    path: '/v1/alerts/{alertId}/resolve',
    summary: 'Resolve a program alert by hand with a note (vendor; If-Match required)',
    tags: ['alerts'],
    access: alertsMay['alert:resolve'],
    operationId: 'resolveProgramAlert',
    description:
      'Resolves the alert with a note, whatever its condition; it is raised again if the condition is still met at the next check.',
    example: { note: 'Stock moved from the Singapore hub' },
    params: ProgramAlertParams,
    body: ResolveAlertInput,
    ifMatch: true,
    responses: {
      200: { description: 'The alert', schema: AlertSchema },
      ...invalid,
      409: { description: 'Already resolved' },
      412: { description: 'Stale If-Match' },
    },
    handler: async ({ params, body, ctx, ifMatch }) => {
      const alert = await resolveManually(ctx, VENDOR_SCOPE, params.alertId, ifMatch, body.note);
      return ok(alert, alert.version);
    },
  }),
];

const alertRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    path: '/v1/alerts',
    summary: 'The vendor’s alert inbox across partners, newest first (default: open alerts)',
    tags: ['alerts'],
    access: alertsMay['alert:inbox'],
    operationId: 'listAlertInbox',
    description:
      'Alerts across partners and the program, newest first; by default the open ones. Filter by partner, status or severity.',
    query: InboxQuery,
    responses: { 200: { description: 'A page of alerts', schema: pageOf(AlertSchema) } },
    handler: async ({ query }) => {
      const { partnerId, status, severity } = query;
      return ok(
        partnerId
          ? await listPartnerAlerts(partnerId, { status, severity }, page(query))
          : await listInbox({ status, severity }, page(query)),
      );
    },
  }),
  route({
    method: 'GET',
    path: alertBase,
    summary: 'A partner’s alerts, newest first (both sides)',
    tags: ['alerts'],
    access: alertsMay['alert:list'],
    operationId: 'listPartnerAlerts',
    description: 'The partner’s alerts, which both sides see, optionally by status or severity.',
    params: PartnerParams,
    query: ListAlertsQuery,
    responses: { 200: { description: 'A page of alerts', schema: pageOf(AlertSchema) } },
    handler: async ({ params, query }) =>
      ok(await listPartnerAlerts(params.partnerId, { status: query.status, severity: query.severity }, page(query))),
  }),
  route({
    method: 'GET',
    path: `${alertBase}/{alertId}`,
    summary: 'One alert: what breached, since when, its status (ETag: the version to acknowledge or resolve with)',
    tags: ['alerts'],
    access: alertsMay['alert:list'],
    operationId: 'getPartnerAlert',
    description:
      'What breached, since when and the alert’s status; the ETag is the version to acknowledge or resolve it with.',
    params: AlertParams,
    responses: {
      200: { description: 'The alert', schema: AlertSchema },
      404: { description: 'No such alert for this partner' },
    },
    handler: async ({ params }) => {
      const alert = await getAlert(params.partnerId, params.alertId);
      return ok(alert, alert.version);
    },
  }),
  route({
    method: 'POST',
    path: `${alertBase}/{alertId}/acknowledge`,
    summary: 'Acknowledge a firing alert: it stops re-notifying (If-Match required)',
    tags: ['alerts'],
    access: alertsMay['alert:acknowledge'],
    operationId: 'acknowledgePartnerAlert',
    description:
      'Stops re-notifying about the alert while it still fires; it resolves itself when the SLA is met again.',
    params: AlertParams,
    ifMatch: true,
    responses: {
      200: { description: 'The alert', schema: AlertSchema },
      409: { description: 'Not firing' },
      412: { description: 'Stale If-Match' },
    },
    handler: async ({ params, ctx, ifMatch }) => {
      const alert = await acknowledge(ctx, params.partnerId, params.alertId, ifMatch);
      return ok(alert, alert.version);
    },
  }),
  route({
    method: 'POST',
    path: `${alertBase}/{alertId}/resolve`,
    summary: 'Resolve an alert by hand with a note (vendor; If-Match required)',
    tags: ['alerts'],
    access: alertsMay['alert:resolve'],
    operationId: 'resolvePartnerAlert',
    description:
      'Resolves the alert with a note, whatever its condition; it is raised again if the SLA is still breached at the next evaluation.',
    example: { note: 'Staffing restored; CSAT back above target' },
    params: AlertParams,
    body: ResolveAlertInput,
    ifMatch: true,
    responses: {
      200: { description: 'The alert', schema: AlertSchema },
      ...invalid,
      409: { description: 'Already resolved' },
      412: { description: 'Stale If-Match' },
    },
    handler: async ({ params, body, ctx, ifMatch }) => {
      const alert = await resolveManually(ctx, params.partnerId, params.alertId, ifMatch, body.note);
      return ok(alert, alert.version);
    },
  }),
];

export const slaAlertRoutes: AnyRoute[] = [...slaRoutes, ...alertRoutes, ...programAlertRoutes];
