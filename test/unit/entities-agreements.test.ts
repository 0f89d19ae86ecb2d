import type { Write } from '#shared/db/commit';
import type { PlanningSession } from '#functions/agreements/domain/planning';
import type { Risk } from '#functions/agreements/domain/risk';
import {
  AgreementEntity,
  agreementsEntities,
  agreementsOf,
  AgreementVersionEntity,
  PlanningSessionEntity,
  planningSessionsOf,
  putVersion,
  RiskEntity,
  risksOf,
  versionsOf,
  type StoredAgreement,
} from '#functions/agreements/entities';
import type { StoredVersion } from '#functions/agreements/versions';

// unit ("offline"): the agreements context's key layout. Each entity's stored item carries the keys and index keys
// the table has always held; an agreement is in the expiry index while active only.

const meta = {
  version: 1,
  createdAt: '2027-01-04T09:00:00.000Z',
  updatedAt: '2027-01-04T09:00:00.000Z',
  createdBy: 'u1',
};

const draft: StoredAgreement = {
  id: 'A1',
  partnerId: 'P1',
  kind: 'reseller',
  title: 'Reseller 2027',
  status: 'draft',
  currentVersion: 1,
  signatures: {},
  lastProposedBy: 'vendor',
  ...meta,
};

function updateOf(write: Write): Extract<Write, { kind: 'update' }> {
  if (write.kind !== 'update') throw new Error(`expected an update, got ${write.kind}`);
  return write;
}

describe('agreement', () => {
  it("keys a draft in its partner's partition and in the vendor's newest-first list, not in the expiry index", () => {
    expect(AgreementEntity.item(draft)).toEqual({
      PK: 'P#P1',
      SK: 'AGR#A1',
      GSI1PK: 'AGREEMENTS',
      GSI1SK: 'A1',
      type: 'Agreement',
      ...draft,
    });
    expect(agreementsOf('P1')).toEqual({ PK: 'P#P1', skPrefix: 'AGR#' });
  });

  it('joins the expiry index on activation, by end date', () => {
    const expiresAt = '2028-01-01T00:00:00.000Z';
    const write = updateOf(AgreementEntity.update(draft, { status: 'active', expiresAt }, { expectedVersion: 1 }));
    expect(write.key).toEqual({ PK: 'P#P1', SK: 'AGR#A1' });
    expect(write.set).toMatchObject({
      GSI1PK: 'AGREEMENTS',
      GSI1SK: 'A1',
      GSI2PK: 'AGREEMENTS#active',
      GSI2SK: `${expiresAt}#P1#A1`,
    });
    expect(write.remove).toEqual([]);
    expect(AgreementEntity.indexes.activeByExpiry.pk()).toBe('AGREEMENTS#active');
  });

  it('leaves the expiry index when it ends (its GSI2 attributes are removed in the same write)', () => {
    const active: StoredAgreement = { ...draft, status: 'active', expiresAt: '2028-01-01T00:00:00.000Z' };
    const write = updateOf(AgreementEntity.update(active, { status: 'expired' }, { expectedVersion: 2 }));
    expect(write.set).not.toHaveProperty('GSI2PK');
    expect(write.remove).toEqual(['GSI2PK', 'GSI2SK']);
  });
});

describe('versions, risks and planning sessions', () => {
  it('keys a version by agreement and zero-padded number, without storing its partner', () => {
    const version = {
      agreementId: 'A1',
      number: 3,
      summary: 'Longer term',
      terms: {},
      proposedBy: { side: 'partner', sub: 'u2', role: 'partner-admin' },
      proposedAt: meta.createdAt,
      counterProposal: true,
    } as unknown as StoredVersion;
    const write = putVersion('P1', version, { ifAbsent: true });
    expect(write).toEqual({
      kind: 'put',
      item: { PK: 'P#P1', SK: 'AGRV#A1#0003', type: 'AgreementVersion', ...version },
      ifAbsent: true,
    });
    expect(AgreementVersionEntity.key({ partnerId: 'P1', agreementId: 'A1', number: 12 }).SK).toBe('AGRV#A1#0012');
    expect(versionsOf('P1', 'A1')).toEqual({ PK: 'P#P1', skPrefix: 'AGRV#A1#' });
  });

  it("keys a risk and a planning session in the partner's partition", () => {
    const risk = { id: 'R1', partnerId: 'P1', title: 'Stock-outs', status: 'open', ...meta } as unknown as Risk;
    expect(RiskEntity.item(risk)).toEqual({ PK: 'P#P1', SK: 'RISK#R1', type: 'Risk', ...risk });
    expect(risksOf('P1')).toEqual({ PK: 'P#P1', skPrefix: 'RISK#' });
    const session = { id: 'S1', partnerId: 'P1', title: 'Q3 plan', ...meta } as unknown as PlanningSession;
    expect(PlanningSessionEntity.item(session)).toEqual({
      PK: 'P#P1',
      SK: 'PLAN#S1',
      type: 'PlanningSession',
      ...session,
    });
    expect(planningSessionsOf('P1')).toEqual({ PK: 'P#P1', skPrefix: 'PLAN#' });
  });
});

it('lists every agreements entity', () => {
  expect(agreementsEntities.map((e) => e.type)).toEqual(['Agreement', 'AgreementVersion', 'Risk', 'PlanningSession']);
});
