import { pageOf } from '#shared/domain/common';
import { VENDOR_SCOPE } from '#shared/db/partition';
import { route, ok, type AnyRoute } from '#shared/http/route';
import {
  AlertParams,
  AlertSchema,
  InboxQuery,
  ListAlertsQuery,
  PartnerAlertsParams,
  ProgramAlertParams,
  ResolveAlertInput,
} from '#functions/alerts/domain/alert';
import { acknowledge, resolveManually } from '#functions/alerts/handling';
import { getAlert, listInbox, listPartnerAlerts } from '#functions/alerts/reads';
import { may } from '#functions/alerts/policy';

// The alert routes, served by the performance API's function (its route table composes them).

const alertBase = '/v1/partners/{partnerId}/alerts';
const invalid = { 400: { description: 'Invalid input; `errors` names each field' } };
const page = (q: { limit: number; cursor?: string | undefined }) => ({
  limit: q.limit,
  ...(q.cursor ? { cursor: q.cursor } : {}),
});

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
    access: may['alert:inbox'],
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
    access: may['alert:resolve'],
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
    access: may['alert:resolve'],
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

const inboxAndPartnerRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    path: '/v1/alerts',
    summary: 'The vendor’s alert inbox across partners, newest first (default: open alerts)',
    tags: ['alerts'],
    access: may['alert:inbox'],
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
    access: may['alert:list'],
    operationId: 'listPartnerAlerts',
    description: 'The partner’s alerts, which both sides see, optionally by status or severity.',
    params: PartnerAlertsParams,
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
    access: may['alert:list'],
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
    access: may['alert:acknowledge'],
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
    access: may['alert:resolve'],
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

/** The inbox, a partner's alerts, then program alerts: the order of the API reference. */
export const alertRoutes: AnyRoute[] = [...inboxAndPartnerRoutes, ...programAlertRoutes];
