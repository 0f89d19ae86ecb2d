import { put, type Write } from '#shared/db/commit';
import { defineEntity, type PutOptions } from '#shared/db/entity';
import { partnerPartition } from '#shared/db/partition';
import type { Agreement, Side } from '#functions/agreements/domain/agreement';
import type { PlanningSession } from '#functions/agreements/domain/planning';
import type { Risk } from '#functions/agreements/domain/risk';
import type { Terms } from '#functions/agreements/domain/terms';
import type { StoredVersion } from '#functions/agreements/versions';

// The agreements context's stored objects: each declares its keys, indexes and type (shared/db/entity.ts).

/** What the agreement item stores beyond the API shape, for the reminders job and counter-proposals. */
export interface StoredAgreement extends Agreement {
  lastProposedBy: Side;
  renewal?: Terms['renewal'];
  terminationNoticeDays?: number;
}

export const AgreementEntity = defineEntity<StoredAgreement>()({
  type: 'Agreement',
  describe: 'agreement',
  key: (a: { partnerId: string; id: string }) => ({ PK: partnerPartition(a.partnerId), SK: `AGR#${a.id}` }),
  indexes: {
    newest: {
      index: 'GSI1',
      purpose: "the vendor's list across partners, newest first (ULID)",
      pk: () => 'AGREEMENTS',
      sk: (a: { id: string }) => a.id,
    },
    activeByExpiry: {
      index: 'GSI2',
      purpose: 'active agreements by end date, for the expiry reminders',
      when: { test: (a) => a.status === 'active', says: 'while active' },
      pk: () => 'AGREEMENTS#active',
      sk: (a: { expiresAt?: string; partnerId: string; id: string }) => `${a.expiresAt}#${a.partnerId}#${a.id}`,
    },
  },
});

/** A partner's agreements, for a Query on its partition. */
export const agreementsOf = (partnerId: string) => ({ PK: partnerPartition(partnerId), skPrefix: 'AGR#' });

/** The key of a version names its partner; the version item does not store it. */
export interface VersionId {
  partnerId: string;
  agreementId: string;
  number: number;
}

export const AgreementVersionEntity = defineEntity<StoredVersion>()({
  type: 'AgreementVersion',
  describe: 'immutable proposal n (zero-padded)',
  key: (v: VersionId) => ({
    PK: partnerPartition(v.partnerId),
    SK: `AGRV#${v.agreementId}#${String(v.number).padStart(4, '0')}`,
  }),
});

/** An agreement's versions, oldest first, for a Query on its partner's partition. */
export const versionsOf = (partnerId: string, agreementId: string) => ({
  PK: partnerPartition(partnerId),
  skPrefix: `AGRV#${agreementId}#`,
});

/**
 * The Put of a new version. The item stores the version's fields only, as it always has: its partner is in the key,
 * so the entity's `put` (which stores every field given) is not used.
 */
export function putVersion(partnerId: string, version: StoredVersion, options: PutOptions): Write {
  const key = AgreementVersionEntity.key({ partnerId, agreementId: version.agreementId, number: version.number });
  return put({ ...key, type: AgreementVersionEntity.type, ...version }, options);
}

export const RiskEntity = defineEntity<Risk>()({
  type: 'Risk',
  describe: 'risk register',
  key: (r: { partnerId: string; id: string }) => ({ PK: partnerPartition(r.partnerId), SK: `RISK#${r.id}` }),
});

export const risksOf = (partnerId: string) => ({ PK: partnerPartition(partnerId), skPrefix: 'RISK#' });

export const PlanningSessionEntity = defineEntity<PlanningSession>()({
  type: 'PlanningSession',
  describe: 'planning sessions',
  key: (s: { partnerId: string; id: string }) => ({ PK: partnerPartition(s.partnerId), SK: `PLAN#${s.id}` }),
});

export const planningSessionsOf = (partnerId: string) => ({ PK: partnerPartition(partnerId), skPrefix: 'PLAN#' });

export const agreementsEntities = [AgreementEntity, AgreementVersionEntity, RiskEntity, PlanningSessionEntity];
