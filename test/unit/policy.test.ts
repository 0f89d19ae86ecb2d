import { actions, authorize, forbiddenMessage } from '#functions/policy';
import { assertPartnerMayWrite, cursorScope, partnerScope } from '#shared/auth/policy';
import { roles } from '#shared/auth/roles';
import { principalFromClaims } from '#shared/auth/principal';
import { ForbiddenError, NotFoundError, PartnershipInactiveError } from '#shared/errors';
import { UnauthorizedError } from '#shared/http/errors';

// unit: who may do what, and how API Gateway's claim strings become a principal.
describe('principal from claims', () => {
  it('reads groups rendered by API Gateway as "[a b]" and the partner attribute', () => {
    const p = principalFromClaims({
      sub: 'u1',
      'cognito:groups': '[partner-user partner-admin]',
      'custom:partner_id': 'P1',
    });
    expect(p).toEqual({ sub: 'u1', role: 'partner-admin', partnerId: 'P1' });
  });

  it('takes the strongest role when a user is in several groups', () => {
    expect(principalFromClaims({ sub: 'u', 'cognito:groups': ['manager', 'admin'] }).role).toBe('admin');
  });

  it('rejects tokens without sub (401), without a role or a partner role without partner (403)', () => {
    expect(() => principalFromClaims({})).toThrow(UnauthorizedError);
    expect(() => principalFromClaims({ sub: 'u', 'cognito:groups': '[guests]' })).toThrow(ForbiddenError);
    expect(() => principalFromClaims({ sub: 'u', 'cognito:groups': '[partner-user]' })).toThrow(ForbiddenError);
  });

  it('ignores a partner claim on vendor staff', () => {
    expect(principalFromClaims({ sub: 'u', 'cognito:groups': '[manager]', partner_id: 'P9' })).toEqual({
      sub: 'u',
      role: 'manager',
    });
  });
});

describe('policy', () => {
  const partnerAdmin = { sub: 'a', role: 'partner-admin' as const, partnerId: 'P1' };
  const partnerUser = { sub: 'b', role: 'partner-user' as const, partnerId: 'P1' };
  const manager = { sub: 'c', role: 'manager' as const };

  it('hides foreign partners (404) before judging the action (403)', () => {
    expect(() => authorize(partnerUser, 'user:create', { partnerId: 'P2' })).toThrow(NotFoundError);
    expect(() => authorize(partnerUser, 'user:create', { partnerId: 'P1' })).toThrow(ForbiddenError);
  });

  it('lets a partner-admin manage its own people and vendor staff act on any partner', () => {
    expect(() => authorize(partnerAdmin, 'user:create', { partnerId: 'P1' })).not.toThrow();
    expect(() => authorize(manager, 'partner:change-status', { partnerId: 'P7' })).not.toThrow();
  });

  it('keeps partner roles from changing partner records', () => {
    expect(() => authorize(partnerAdmin, 'partner:update', { partnerId: 'P1' })).toThrow(ForbiddenError);
    expect(() => authorize(partnerAdmin, 'partner:create')).toThrow(ForbiddenError);
  });

  it('confines lists of partner principals to their partner', () => {
    expect(partnerScope(partnerUser)).toBe('P1');
    expect(partnerScope(manager)).toBeUndefined();
  });
});

describe('403 messages', () => {
  it('tells a person in a sentence what their role may not do', () => {
    expect(() =>
      authorize({ sub: 'b', role: 'partner-user', partnerId: 'P1' }, 'agreement:sign', { partnerId: 'P1' }),
    ).toThrow('Partner users may not sign agreements.');
  });

  it('has a human phrase for every action: a sentence, with no action id left in it', () => {
    for (const action of actions) {
      for (const role of roles) {
        const message = forbiddenMessage(role, action);
        expect(message).toMatch(/^[A-Z][a-z]+ [a-z]+s may not [a-z][^:]* [^:]+\.$/);
        expect(message).not.toContain(action);
        expect(message).not.toContain('undefined');
      }
    }
  });
});

describe('partner status', () => {
  it('lets the people of a live partner write and stops those of a suspended or offboarded one', () => {
    for (const status of ['prospect', 'onboarding', 'active', undefined])
      expect(() => assertPartnerMayWrite(status)).not.toThrow();
    expect(() => assertPartnerMayWrite('suspended')).toThrow(PartnershipInactiveError);
    expect(() => assertPartnerMayWrite('suspended')).toThrow(/suspended/);
    expect(() => assertPartnerMayWrite('offboarded')).toThrow(/ended/);
  });
});

describe('cursor scope', () => {
  it('sets vendor staff, each partner and anonymous callers apart', () => {
    const scopes = [
      cursorScope({ sub: 'a', role: 'admin' }),
      cursorScope({ sub: 'b', role: 'partner-user', partnerId: 'P1' }),
      cursorScope({ sub: 'c', role: 'partner-admin', partnerId: 'P2' }),
      cursorScope(undefined),
    ];
    expect(new Set(scopes).size).toBe(4);
    expect(cursorScope({ sub: 'a', role: 'admin' })).toBe(cursorScope({ sub: 'm', role: 'manager' }));
    expect(cursorScope({ sub: 'x', role: 'partner-admin', partnerId: 'P1' })).toBe(scopes[1]);
  });
});
