import { isPartnerRole, roles, type Role } from '#shared/auth/roles';
import { ForbiddenError } from '#shared/errors';
import { UnauthorizedError } from '#shared/http/errors';

/** The caller, as established by the JWT authorizer (API Gateway in AWS, the local gateway locally). */
export interface Principal {
  sub: string;
  role: Role;
  /** Set for partner roles: the one partner this caller belongs to. */
  partnerId?: string;
  email?: string;
}

type Claims = Record<string, string | number | boolean | string[] | undefined>;

/**
 * API Gateway HTTP API hands claims over as strings: arrays become `[a b]`. Cognito puts roles in
 * `cognito:groups` and the partner in the custom attribute `custom:partner_id` (`partner_id` is accepted
 * for tokens minted by a pre-token-generation trigger).
 */
export function principalFromClaims(claims: Claims | undefined): Principal {
  if (!claims || typeof claims.sub !== 'string' || !claims.sub) {
    throw new UnauthorizedError('A valid bearer token is required');
  }
  const groups = parseList(claims['cognito:groups']);
  // Highest privilege first: a user in several groups acts with the strongest role it holds.
  const role = roles.find((r) => groups.includes(r));
  if (!role) throw new ForbiddenError('Your account has no Accord role');
  const partnerIdClaim = claims['custom:partner_id'] ?? claims.partner_id;
  const partnerId = typeof partnerIdClaim === 'string' && partnerIdClaim ? partnerIdClaim : undefined;
  if (isPartnerRole(role) && !partnerId) throw new ForbiddenError('Your account is not linked to a partner');
  const email = typeof claims.email === 'string' ? claims.email : undefined;
  return {
    sub: claims.sub,
    role,
    ...(isPartnerRole(role) && partnerId ? { partnerId } : {}),
    ...(email ? { email } : {}),
  };
}

function parseList(value: Claims[string]): string[] {
  if (Array.isArray(value)) return value;
  if (typeof value !== 'string') return [];
  const trimmed = value.trim();
  if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
    const inner = trimmed.slice(1, -1).trim();
    if (inner.startsWith('"')) {
      try {
        return JSON.parse(trimmed) as string[];
      } catch {
        return [];
      }
    }
    return inner.split(/[\s,]+/).filter(Boolean);
  }
  return trimmed.split(/[\s,]+/).filter(Boolean);
}
