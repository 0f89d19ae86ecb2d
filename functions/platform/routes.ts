import * as z from 'zod';
import { authorize, isVendor } from '#shared/auth/policy';
import { db, tableName } from '#shared/db/client';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '#shared/db/keys';
import { getItem, toEntity } from '#shared/db/repository';
import { pageOf } from '#shared/domain/common';
import type { Partner } from '#shared/domain/partners/partner';
import { ok, route, type AnyRoute } from '#shared/http/route';
import { AuditEntrySchema, AuditQuery, listAudit } from '#functions/platform/audit';
import { buildOpenApi } from '#functions/platform/openapi';
import { partnerRoutes } from '#functions/partners/routes';
import { agreementsApiRoutes } from '#functions/agreements/routes';
import { metricRoutes } from '#functions/performance/routes-metrics';
import { scorecardRoutes } from '#functions/performance/routes-scorecards';
import { slaAlertRoutes } from '#functions/performance/routes-slas-alerts';
import { supplyRoutes } from '#functions/supply/routes';
import { collaborationRoutes } from '#functions/collaboration/routes';

const tags = ['platform'];

const MeSchema = z.object({
  sub: z.string(),
  role: z.string(),
  email: z.string().optional(),
  partner: z.object({ id: z.string(), name: z.string(), status: z.string(), tier: z.string() }).optional(),
});

export const platformRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    path: '/v1/health',
    summary: 'Liveness and table reachability (no authentication)',
    tags,
    access: 'public',
    responses: { 200: { description: 'Healthy', schema: z.object({ status: z.literal('ok') }) } },
    handler: async () => {
      // One cheap GetItem proves the table answers with this function's credentials.
      await db().send(new GetCommand({ TableName: tableName(), Key: keys.health }));
      return ok({ status: 'ok' });
    },
  }),
  route({
    method: 'GET',
    path: '/v1/me',
    summary: 'Who am I: role, and for partner people their partner',
    tags,
    access: 'me:read',
    responses: { 200: { description: 'The caller', schema: MeSchema } },
    handler: async ({ principal }) => {
      const partnerItem = principal.partnerId ? await getItem<Partner>(keys.partner(principal.partnerId)) : undefined;
      const partner = partnerItem && toEntity<Partner>(partnerItem);
      return ok({
        sub: principal.sub,
        role: principal.role,
        ...(principal.email ? { email: principal.email } : {}),
        ...(partner ? { partner: { id: partner.id, name: partner.name, status: partner.status, tier: partner.tier } } : {}),
      });
    },
  }),
  route({
    method: 'GET',
    path: '/v1/audit',
    summary: 'The audit trail, newest first (a partner-admin sees its own partner’s)',
    tags,
    access: 'audit:read',
    query: AuditQuery,
    responses: { 200: { description: 'A page of audit entries', schema: pageOf(AuditEntrySchema) } },
    handler: async ({ query, principal }) => {
      const partnerId = query.partnerId ?? (isVendor(principal) ? undefined : principal.partnerId);
      if (partnerId) authorize(principal, 'audit:read', { partnerId });
      const { limit, cursor } = query;
      return ok(await listAudit(partnerId, { limit, ...(cursor ? { cursor } : {}) }));
    },
  }),
  route({
    method: 'GET',
    path: '/v1/openapi.json',
    summary: 'This API’s OpenAPI 3.1 document',
    tags,
    access: 'public',
    responses: { 200: { description: 'OpenAPI 3.1' } },
    handler: async () => ok(openApiDocument()),
  }),
];

let document: Record<string, unknown> | undefined;
function openApiDocument(): Record<string, unknown> {
  document ??= buildOpenApi(allRoutes(), { version: process.env.ACCORD_VERSION ?? '0.1.0' });
  return document;
}

/** Every route of every HTTP function, for the OpenAPI document and the manifest check. */
export function allRoutes(): AnyRoute[] {
  return [...platformRoutes, ...partnerRoutes, ...agreementsApiRoutes, ...metricRoutes, ...slaAlertRoutes, ...scorecardRoutes,
    ...supplyRoutes, ...collaborationRoutes];
}
