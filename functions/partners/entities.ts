import type { Write } from '#shared/db/commit';
import { put } from '#shared/db/commit';
import { defineEntity } from '#shared/db/entity';
import { partnerItemKey } from '#shared/db/partner-items';
import { partnerPartition } from '#shared/db/partition';
import type { Member } from '#functions/partners/domain/member';
import type { Partner } from '#functions/partners/domain/partner';

// The partners context's stored objects: each declares its keys, indexes and type (shared/db/entity.ts).

export const PartnerEntity = defineEntity<Partner>()({
  type: 'Partner',
  describe: 'partner',
  // Shared with listPartnerItems, which checks that a partner exists without importing this context.
  key: (p: { id: string }) => partnerItemKey(p.id),
  indexes: {
    byName: {
      index: 'GSI1',
      purpose: "the vendor's list, by name (case-insensitive)",
      pk: () => 'PARTNERS',
      sk: (p: { name: string; id: string }) => `${p.name.toLocaleLowerCase('en')}#${p.id}`,
    },
    byStatus: {
      index: 'GSI2',
      purpose: 'the partners in one lifecycle status (the onboarding queue)',
      pk: (p: { status: string }) => `PARTNERS#${p.status}`,
      sk: (p: { id: string }) => p.id,
    },
  },
});

export const MemberEntity = defineEntity<Member>()({
  type: 'Member',
  describe: "a partner's person",
  key: (m: { partnerId: string; id: string }) => ({ PK: partnerPartition(m.partnerId), SK: `USER#${m.id}` }),
});

/** A partner's people, for a Query on its partition. */
export const membersOf = (partnerId: string) => ({ PK: partnerPartition(partnerId), skPrefix: 'USER#' });

/** Who holds an address: the address itself is the key (lower-cased), the item names the holder. */
export interface EmailHolder {
  partnerId: string;
  userId: string;
}

export const EmailClaimEntity = defineEntity<EmailHolder & { email: string }>()({
  type: 'EmailClaim',
  describe: 'one account per address across the program',
  key: (c: { email: string }) => ({ PK: `EMAIL#${c.email.toLowerCase()}`, SK: 'EMAIL' }),
});

/**
 * The claim of `email` for its holder, put only if absent. The item stores the holder alone, as it always has:
 * the address is in the key, so the entity's `put` (which stores every field given) is not used.
 */
export function claimEmail(email: string, holder: EmailHolder, onConflict: () => Error): Write {
  return put(
    { ...EmailClaimEntity.key({ email }), type: EmailClaimEntity.type, ...holder },
    { ifAbsent: true, onConflict },
  );
}

export const partnersEntities = [PartnerEntity, MemberEntity, EmailClaimEntity];
