import * as z from 'zod';
import { authorize, isVendor } from '#shared/auth/policy';
import { db, tableName } from '#shared/db/client';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { healthKey } from '#shared/db/entities';
import { getItem, toEntity } from '#shared/db/repository';
import { pageOf } from '#shared/domain/common';
import { PartnerEntity, type Partner } from '#functions/partners/index';
import { ok, route, type AnyRoute } from '#shared/http/route';
import { AuditEntrySchema, AuditQuery, listAudit } from '#functions/platform/audit';
import { may } from '#functions/platform/policy';

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
    operationId: 'getHealth',
    description:
      'Answers once the table answers with this function’s credentials: for uptime checks and load balancers.',
    summary: 'Liveness and table reachability (no authentication)',
    tags,
    access: 'public',
    responses: { 200: { description: 'Healthy', schema: z.object({ status: z.literal('ok') }) } },
    handler: async () => {
      // One cheap GetItem proves the table answers with this function's credentials.
      await db().send(new GetCommand({ TableName: tableName(), Key: healthKey }));
      return ok({ status: 'ok' });
    },
  }),
  route({
    method: 'GET',
    path: '/v1/me',
    operationId: 'getMe',
    description:
      'The caller as the token says: role, e-mail and, for partner people, their partner (id, name, status, tier). Call it after sign-in to decide what to show.',
    summary: 'Who am I: role, and for partner people their partner',
    tags,
    access: may['me:read'],
    responses: { 200: { description: 'The caller', schema: MeSchema } },
    handler: async ({ principal }) => {
      const partnerItem = principal.partnerId
        ? await getItem<Partner>(PartnerEntity.key({ id: principal.partnerId }))
        : undefined;
      const partner = partnerItem && toEntity<Partner>(partnerItem);
      return ok({
        sub: principal.sub,
        role: principal.role,
        ...(principal.email ? { email: principal.email } : {}),
        ...(partner
          ? { partner: { id: partner.id, name: partner.name, status: partner.status, tier: partner.tier } }
          : {}),
      });
    },
  }),
  route({
    method: 'GET',
    path: '/v1/audit',
    operationId: 'listAuditEntries',
    description:
      'Every change with who made it and what changed, newest first. Vendor staff read the whole program, or one partner with `partnerId`; a partner-admin reads its own partner’s only.',
    summary: 'The audit trail, newest first (a partner-admin sees its own partner’s)',
    tags,
    access: may['audit:read'],
    query: AuditQuery,
    responses: { 200: { description: 'A page of audit entries', schema: pageOf(AuditEntrySchema) } },
    handler: async ({ query, principal }) => {
      const partnerId = query.partnerId ?? (isVendor(principal) ? undefined : principal.partnerId);
      if (partnerId) authorize(principal, may['audit:read'], { partnerId });
      const { limit, cursor } = query;
      return ok(await listAudit(partnerId, { limit, ...(cursor ? { cursor } : {}) }));
    },
  }),
];
