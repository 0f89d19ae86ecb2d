import type { Write } from '#shared/db/commit';
import type { Member } from '#functions/partners/domain/member';
import type { Partner } from '#functions/partners/domain/partner';
import {
  claimEmail,
  EmailClaimEntity,
  MemberEntity,
  membersOf,
  PartnerEntity,
  partnersEntities,
} from '#functions/partners/entities';
import { partnerItemKey } from '#shared/db/partner-items';

// unit ("offline"): the partners context's key layout. Each entity's stored item carries the keys and index keys the
// table has always held, and the index keys follow a partner's name and status on every update.

const meta = {
  version: 1,
  createdAt: '2027-01-04T09:00:00.000Z',
  updatedAt: '2027-01-04T09:00:00.000Z',
  createdBy: 'u1',
};

const partner: Partner = {
  id: 'P1',
  name: 'Nordlicht GmbH',
  kind: 'reseller',
  tier: 'gold',
  country: 'DE',
  timezone: 'Europe/Berlin',
  status: 'prospect',
  statusChangedAt: meta.createdAt,
  ...meta,
};

function updateOf(write: Write): Extract<Write, { kind: 'update' }> {
  if (write.kind !== 'update') throw new Error(`expected an update, got ${write.kind}`);
  return write;
}

describe('partner', () => {
  it('keys the partner in its own partition, by name (GSI1) and by status (GSI2)', () => {
    expect(PartnerEntity.item(partner)).toEqual({
      PK: 'P#P1',
      SK: 'PARTNER',
      GSI1PK: 'PARTNERS',
      GSI1SK: 'nordlicht gmbh#P1',
      GSI2PK: 'PARTNERS#prospect',
      GSI2SK: 'P1',
      type: 'Partner',
      ...partner,
    });
    expect(partnerItemKey('P1')).toEqual(PartnerEntity.key(partner));
  });

  it('moves the index keys with a new name and a new status', () => {
    const write = updateOf(
      PartnerEntity.update(partner, { name: 'Aurora AG', status: 'onboarding' }, { expectedVersion: 1 }),
    );
    expect(write.key).toEqual({ PK: 'P#P1', SK: 'PARTNER' });
    expect(write.set).toEqual({
      name: 'Aurora AG',
      status: 'onboarding',
      GSI1PK: 'PARTNERS',
      GSI1SK: 'aurora ag#P1',
      GSI2PK: 'PARTNERS#onboarding',
      GSI2SK: 'P1',
    });
    expect(write.remove).toEqual([]);
    expect(write.expectedVersion).toBe(1);
  });

  it('queries by index partition', () => {
    expect(PartnerEntity.indexes.byName.pk()).toBe('PARTNERS');
    expect(PartnerEntity.indexes.byStatus.pk({ status: 'active' })).toBe('PARTNERS#active');
  });
});

describe('people', () => {
  const member: Member = {
    id: 'U1',
    partnerId: 'P1',
    email: 'Ada@Example.com',
    name: 'Ada',
    role: 'partner-admin',
    status: 'active',
    ...meta,
  };

  it("keys a person in the partner's partition, in no index", () => {
    expect(MemberEntity.item(member)).toEqual({ PK: 'P#P1', SK: 'USER#U1', type: 'Member', ...member });
    expect(membersOf('P1')).toEqual({ PK: 'P#P1', skPrefix: 'USER#' });
  });

  it('claims the lower-cased address, storing the holder only', () => {
    const conflict = () => new Error('taken');
    const write = claimEmail(member.email, { partnerId: 'P1', userId: 'U1' }, conflict);
    expect(write).toEqual({
      kind: 'put',
      item: { PK: 'EMAIL#ada@example.com', SK: 'EMAIL', type: 'EmailClaim', partnerId: 'P1', userId: 'U1' },
      ifAbsent: true,
      onConflict: conflict,
    });
    expect(EmailClaimEntity.key({ email: member.email })).toEqual({ PK: 'EMAIL#ada@example.com', SK: 'EMAIL' });
  });
});

it('lists every partners entity', () => {
  expect(partnersEntities.map((e) => e.type)).toEqual(['Partner', 'Member', 'EmailClaim']);
});
