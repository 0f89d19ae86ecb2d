import * as z from 'zod';
import { AuditEntry, auditTrailOf } from '#shared/db/entities';
import { queryPage, type Page } from '#shared/db/repository';
import { Id, PageQuery } from '#shared/domain/common';

export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  partnerId: z.string().optional(),
  actor: z.object({
    sub: z.string(),
    role: z.string(),
    partnerId: z.string().optional(),
    email: z.string().optional(),
  }),
  requestId: z.string(),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).optional(),
  note: z.string().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditQuery = z.strictObject({ partnerId: Id.optional(), ...PageQuery });

/** Newest first. One partner's trail from its own partition; the whole program's from GSI1. */
export function listAudit(
  partnerId: string | undefined,
  page: { limit: number; cursor?: string },
): Promise<Page<AuditEntry>> {
  const cursor = page.cursor ? { cursor: page.cursor } : {};
  if (partnerId) {
    const { PK, skPrefix } = auditTrailOf(partnerId);
    return queryPage<AuditEntry>({
      partition: PK,
      sort: { beginsWith: skPrefix },
      newestFirst: true,
      limit: page.limit,
      ...cursor,
    });
  }
  return queryPage<AuditEntry>({
    index: 'GSI1',
    partition: AuditEntry.indexes.program.pk(),
    newestFirst: true,
    limit: page.limit,
    ...cursor,
  });
}
