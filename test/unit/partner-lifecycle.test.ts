import { assertTransition, partnerStatuses, type PartnerStatus } from '#functions/partners/domain/partner';
import { ConflictError } from '#shared/errors';

// unit: prospect -> onboarding -> active <-> suspended -> offboarded.
const allowed: [PartnerStatus, PartnerStatus][] = [
  ['prospect', 'onboarding'],
  ['prospect', 'offboarded'],
  ['onboarding', 'active'],
  ['onboarding', 'offboarded'],
  ['active', 'suspended'],
  ['active', 'offboarded'],
  ['suspended', 'active'],
  ['suspended', 'offboarded'],
];

describe('partner lifecycle', () => {
  it.each(allowed)('allows %s -> %s', (from, to) => {
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it('refuses every other transition with a 409 that says where the partner can go', () => {
    for (const from of partnerStatuses) {
      for (const to of partnerStatuses) {
        if (allowed.some(([f, t]) => f === from && t === to)) continue;
        expect(() => assertTransition(from, to)).toThrow(ConflictError);
      }
    }
    expect(() => assertTransition('prospect', 'active')).toThrow(/can go to onboarding or offboarded/);
    expect(() => assertTransition('offboarded', 'active')).toThrow(/offboarded is final/);
  });
});
