import { defineEntity } from '#shared/db/entity';
import { scopePartition } from '#shared/db/partition';

// The platform's own items: what the commit path, the outbox, consumers and jobs keep beside the business objects.

export interface AuditItem {
  /** The partner whose trail it joins, or `VENDOR_SCOPE`. */
  scope: string;
  id: string;
}

export const AuditEntry = defineEntity<AuditItem>()({
  type: 'AuditEntry',
  describe: "an audit entry, in its partner's trail (or the vendor's for vendor-wide objects)",
  key: (a: { scope: string; id: string }) => ({ PK: scopePartition(a.scope), SK: `AUDIT#${a.id}` }),
  indexes: {
    program: { index: 'GSI1', purpose: 'the whole program’s trail, newest first', pk: () => 'AUDIT', sk: (a) => a.id },
  },
});

export const OutboxEvent = defineEntity<{ id: string }>()({
  type: 'OutboxEvent',
  describe: 'a domain event waiting for the relay (the stream delivers it to the bus)',
  key: (e: { id: string }) => ({ PK: `OUTBOX#${e.id}`, SK: 'OUTBOX' }),
  expires: '7 days',
});

export const IdempotencyRecord = defineEntity<{ sub: string; key: string }>()({
  type: 'IdempotencyRecord',
  describe: "a request's Idempotency-Key and its first response, per caller",
  key: (r: { sub: string; key: string }) => ({ PK: `IDEM#${r.sub}`, SK: r.key }),
  expires: '24 hours',
});

export const ProcessedEvent = defineEntity<{ consumer: string; eventId: string }>()({
  type: 'ProcessedEvent',
  describe: "a consumer's claim of an event (processing with a lease, then done)",
  key: (p: { consumer: string; eventId: string }) => ({ PK: `EVT#${p.consumer}#${p.eventId}`, SK: 'EVT' }),
  expires: '14 days',
});

export const OnceMarker = defineEntity<{ job: string; subject: string; at: string }>()({
  type: 'Once',
  describe: 'a reminder or escalation already done for its subject',
  key: (m: { job: string; subject: string }) => ({ PK: `ONCE#${m.job}#${m.subject}`, SK: 'ONCE' }),
  expires: '400 days',
});

/** Read by the health check: proves the table answers. */
export const healthKey = { PK: 'HEALTH', SK: 'HEALTH' } as const;

/** A partner's audit trail (newest first with `newestFirst`). */
export const auditTrailOf = (scope: string) => ({ PK: scopePartition(scope), skPrefix: 'AUDIT#' });

export const platformEntities = [AuditEntry, OutboxEvent, IdempotencyRecord, ProcessedEvent, OnceMarker];
