/**
 * Every key shape of the table, and nowhere else. A key string built outside this file is a bug waiting.
 *
 * Layout (PK / SK):
 *   P#<partnerId>            / PARTNER                 the partner          GSI1 PARTNERS/<name>#<id>, GSI2 PARTNERS#<status>/<id>
 *   P#<partnerId>            / USER#<userId>           a person of the partner
 *   P#<partnerId>            / AUDIT#<auditId>         the partner's audit trail (GSI1 AUDIT/<auditId>: vendor-wide trail)
 *   VENDOR                   / AUDIT#<auditId>         audit entries of vendor-wide objects
 *   EMAIL#<email>            / EMAIL                   one person per e-mail address across the program
 *   OUTBOX#<eventId>         / OUTBOX                  transactional outbox (TTL)
 *   IDEM#<sub>               / <idempotency key>       idempotency records (TTL)
 *   EVT#<consumer>#<eventId> / EVT                     events a consumer has processed (TTL)
 *   ONCE#<job>#<subject>     / ONCE                    a reminder sent once per subject (TTL)
 */

export interface Key {
  PK: string;
  SK: string;
}

export const VENDOR_SCOPE = 'vendor';

export const keys = {
  partner: (partnerId: string): Key => ({ PK: `P#${partnerId}`, SK: 'PARTNER' }),
  /** GSI1: every partner, ordered by name (case-insensitive), for the vendor's list. */
  partnersByName: (name: string, partnerId: string) => ({
    GSI1PK: 'PARTNERS',
    GSI1SK: `${name.toLocaleLowerCase('en')}#${partnerId}`,
  }),
  partnersByNamePartition: 'PARTNERS',
  /** GSI2: partners in one lifecycle status, e.g. the onboarding queue. */
  partnersByStatus: (status: string, partnerId: string) => ({
    GSI2PK: `PARTNERS#${status}`,
    GSI2SK: partnerId,
  }),
  partnersByStatusPartition: (status: string) => `PARTNERS#${status}`,

  member: (partnerId: string, userId: string): Key => ({ PK: `P#${partnerId}`, SK: `USER#${userId}` }),
  membersOf: (partnerId: string) => ({ PK: `P#${partnerId}`, skPrefix: 'USER#' }),
  email: (email: string): Key => ({ PK: `EMAIL#${email.toLowerCase()}`, SK: 'EMAIL' }),

  audit: (scope: string, auditId: string) => ({
    PK: scope === VENDOR_SCOPE ? 'VENDOR' : `P#${scope}`,
    SK: `AUDIT#${auditId}`,
    GSI1PK: 'AUDIT',
    GSI1SK: auditId,
  }),
  auditOf: (scope: string) => ({ PK: scope === VENDOR_SCOPE ? 'VENDOR' : `P#${scope}`, skPrefix: 'AUDIT#' }),
  auditPartition: 'AUDIT',

  outbox: (eventId: string): Key => ({ PK: `OUTBOX#${eventId}`, SK: 'OUTBOX' }),
  idempotency: (sub: string, key: string): Key => ({ PK: `IDEM#${sub}`, SK: key }),
  processedEvent: (consumer: string, eventId: string): Key => ({ PK: `EVT#${consumer}#${eventId}`, SK: 'EVT' }),
  once: (job: string, subject: string): Key => ({ PK: `ONCE#${job}#${subject}`, SK: 'ONCE' }),
  /** Read by the health check: proves the table answers. */
  health: { PK: 'HEALTH', SK: 'HEALTH' } as Key,
} as const;

/** Attributes that are storage detail, never part of an entity returned by the API. */
export const storageAttributes = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'type', 'expiresAt'] as const;
