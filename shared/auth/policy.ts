import type { Principal } from '#shared/auth/principal';
import type { Role } from '#shared/auth/roles';
import { ForbiddenError, NotFoundError } from '#shared/http/errors';

/**
 * Who may do what: the one place. Every route names one action; the HTTP pipeline calls `authorize`
 * before any handler runs. Partner principals are confined to their own partner: a foreign partner's
 * resources answer 404, so their existence is never revealed.
 */
const grants = {
  'me:read': ['admin', 'manager', 'partner-admin', 'partner-user'],
  'audit:read': ['admin', 'manager', 'partner-admin'],
  'partner:list': ['admin', 'manager', 'partner-admin', 'partner-user'],
  'partner:create': ['admin', 'manager'],
  'partner:read': ['admin', 'manager', 'partner-admin', 'partner-user'],
  'partner:update': ['admin', 'manager'],
  'partner:change-status': ['admin', 'manager'],
  'user:list': ['admin', 'manager', 'partner-admin', 'partner-user'],
  'user:create': ['admin', 'manager', 'partner-admin'],
  'user:update': ['admin', 'manager', 'partner-admin'],
  'user:remove': ['admin', 'manager', 'partner-admin'],
  'agreement:list': ['admin', 'manager', 'partner-admin', 'partner-user'],
  'agreement:read': ['admin', 'manager', 'partner-admin', 'partner-user'],
  'agreement:create': ['admin', 'manager'],
  'agreement:propose': ['admin', 'manager', 'partner-admin'],
  'agreement:sign': ['admin', 'manager', 'partner-admin'],
  'agreement:terminate': ['admin', 'manager', 'partner-admin'],
  'risk:list': ['admin', 'manager', 'partner-admin', 'partner-user'],
  'risk:read': ['admin', 'manager', 'partner-admin', 'partner-user'],
  'risk:create': ['admin', 'manager', 'partner-admin', 'partner-user'],
  'risk:update': ['admin', 'manager', 'partner-admin', 'partner-user'],
  'planning:list': ['admin', 'manager', 'partner-admin', 'partner-user'],
  'planning:read': ['admin', 'manager', 'partner-admin', 'partner-user'],
  'planning:create': ['admin', 'manager', 'partner-admin'],
  'metric:ingest': ['admin', 'manager', 'partner-admin', 'partner-user'],
  'metric:read': ['admin', 'manager', 'partner-admin', 'partner-user'],
  'metric-catalog:read': ['admin', 'manager', 'partner-admin', 'partner-user'],
  'metric-catalog:write': ['admin', 'manager'],
  'sla:list': ['admin', 'manager', 'partner-admin', 'partner-user'],
  'sla:read': ['admin', 'manager', 'partner-admin', 'partner-user'],
  'sla:create': ['admin', 'manager'],
  'sla:update': ['admin', 'manager'],
  'alert:inbox': ['admin', 'manager'],
  'alert:list': ['admin', 'manager', 'partner-admin', 'partner-user'],
  'alert:acknowledge': ['admin', 'manager', 'partner-admin'],
  'alert:resolve': ['admin', 'manager'],
  'scorecard:read': ['admin', 'manager', 'partner-admin', 'partner-user'],
  'dashboard:read': ['admin', 'manager'],
  'product:read': ['admin', 'manager', 'partner-admin', 'partner-user'],
  'product:write': ['admin', 'manager'],
  'inventory:read': ['admin', 'manager', 'partner-admin', 'partner-user'],
  'inventory:write': ['admin', 'manager'],
  'sales:report': ['admin', 'manager', 'partner-admin', 'partner-user'],
  'sales:read': ['admin', 'manager', 'partner-admin', 'partner-user'],
  'forecast:commit': ['admin', 'manager', 'partner-admin'],
  'forecast:read': ['admin', 'manager', 'partner-admin', 'partner-user'],
  'forecast:summary': ['admin', 'manager'],
  'disclosure:read': ['admin', 'manager', 'partner-admin', 'partner-user'],
  'disclosure:write': ['admin', 'manager', 'partner-admin'],
  'objective:list': ['admin', 'manager', 'partner-admin', 'partner-user'],
  'objective:read': ['admin', 'manager', 'partner-admin', 'partner-user'],
  'objective:create': ['admin', 'manager', 'partner-admin'],
  'objective:update': ['admin', 'manager', 'partner-admin'],
  'milestone:update': ['admin', 'manager', 'partner-admin', 'partner-user'],
  'roadmap:read': ['admin', 'manager', 'partner-admin', 'partner-user'],
  'check-in:list': ['admin', 'manager', 'partner-admin', 'partner-user'],
  'check-in:read': ['admin', 'manager', 'partner-admin', 'partner-user'],
  'check-in:schedule': ['admin', 'manager', 'partner-admin'],
  'check-in:record': ['admin', 'manager', 'partner-admin'],
  'dispute:list': ['admin', 'manager', 'partner-admin', 'partner-user'],
  'dispute:read': ['admin', 'manager', 'partner-admin', 'partner-user'],
  'dispute:raise': ['admin', 'manager', 'partner-admin'],
  'dispute:message': ['admin', 'manager', 'partner-admin'],
  'dispute:propose': ['admin', 'manager', 'partner-admin'],
  'dispute:accept': ['admin', 'manager', 'partner-admin'],
  'feedback:submit': ['admin', 'manager', 'partner-admin', 'partner-user'],
  'feedback:list': ['admin', 'manager', 'partner-admin', 'partner-user'],
  'feedback:triage': ['admin', 'manager'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof grants;
export const actions = Object.keys(grants) as Action[];

export function allowedRoles(action: Action): readonly Role[] {
  return grants[action];
}

export function isVendor(principal: Principal): boolean {
  return principal.role === 'admin' || principal.role === 'manager';
}

/**
 * Throws NotFoundError for a foreign partner (checked first, so a forbidden action on someone else's
 * partner reveals nothing) and ForbiddenError for an action the caller's role may not take.
 */
export function authorize(principal: Principal, action: Action, target: { partnerId?: string } = {}): void {
  if (target.partnerId !== undefined && !isVendor(principal) && principal.partnerId !== target.partnerId) {
    throw new NotFoundError('Partner not found');
  }
  if (!(grants[action] as readonly Role[]).includes(principal.role)) {
    throw new ForbiddenError(`Your role (${principal.role}) may not ${action.replace(':', ' ')}`);
  }
}

/** For lists without a partner in the path: the partner a partner principal is confined to. */
export function partnerScope(principal: Principal): string | undefined {
  return isVendor(principal) ? undefined : principal.partnerId;
}
