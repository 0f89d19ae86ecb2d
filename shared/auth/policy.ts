import type { Principal } from '#shared/auth/principal';
import type { Role } from '#shared/auth/roles';
import { ForbiddenError, NotFoundError, PartnershipInactiveError } from '#shared/http/errors';

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

/** What each action is, as the end of "... may not <phrase>." (the 403 a person reads). */
const phrases: Record<Action, string> = {
  'me:read': 'read their own profile',
  'audit:read': 'read the audit trail',
  'partner:list': 'list partners',
  'partner:create': 'register partners',
  'partner:read': 'read partners',
  'partner:update': 'change partner profiles',
  'partner:change-status': 'change the status of partners',
  'user:list': 'list a partner’s people',
  'user:create': 'add people to a partner',
  'user:update': 'change a partner’s people',
  'user:remove': 'remove a partner’s people',
  'agreement:list': 'list agreements',
  'agreement:read': 'read agreements',
  'agreement:create': 'draft agreements',
  'agreement:propose': 'propose agreement terms',
  'agreement:sign': 'sign agreements',
  'agreement:terminate': 'terminate agreements',
  'risk:list': 'list risks',
  'risk:read': 'read risks',
  'risk:create': 'raise risks',
  'risk:update': 'change risks',
  'planning:list': 'list planning sessions',
  'planning:read': 'read planning sessions',
  'planning:create': 'record planning sessions',
  'metric:ingest': 'report metrics',
  'metric:read': 'read metrics',
  'metric-catalog:read': 'read the metric catalog',
  'metric-catalog:write': 'change the metric catalog',
  'sla:list': 'list SLAs',
  'sla:read': 'read SLAs',
  'sla:create': 'create SLAs',
  'sla:update': 'change SLAs',
  'alert:inbox': 'read the vendor’s alert inbox',
  'alert:list': 'list alerts',
  'alert:acknowledge': 'acknowledge alerts',
  'alert:resolve': 'resolve alerts',
  'scorecard:read': 'read scorecards',
  'dashboard:read': 'read the program dashboard',
  'product:read': 'read the product catalog',
  'product:write': 'change the product catalog',
  'inventory:read': 'read inventory',
  'inventory:write': 'publish inventory levels',
  'sales:report': 'report sales',
  'sales:read': 'read sales',
  'forecast:commit': 'commit forecasts',
  'forecast:read': 'read forecasts',
  'forecast:summary': 'read the forecast summary',
  'disclosure:read': 'read disclosures',
  'disclosure:write': 'write disclosures',
  'objective:list': 'list objectives',
  'objective:read': 'read objectives',
  'objective:create': 'create objectives',
  'objective:update': 'change objectives',
  'milestone:update': 'change milestones',
  'roadmap:read': 'read the roadmap',
  'check-in:list': 'list check-ins',
  'check-in:read': 'read check-ins',
  'check-in:schedule': 'schedule check-ins',
  'check-in:record': 'record check-ins',
  'dispute:list': 'list disputes',
  'dispute:read': 'read disputes',
  'dispute:raise': 'raise disputes',
  'dispute:message': 'write in disputes',
  'dispute:propose': 'propose dispute resolutions',
  'dispute:accept': 'accept dispute resolutions',
  'feedback:submit': 'submit feedback',
  'feedback:list': 'list feedback',
  'feedback:triage': 'triage feedback',
};

const roleNames: Record<Role, string> = {
  admin: 'Vendor administrators',
  manager: 'Vendor managers',
  'partner-admin': 'Partner administrators',
  'partner-user': 'Partner users',
};

/** The 403 sentence for an action a role may not take, e.g. "Partner users may not sign agreements." */
export function forbiddenMessage(role: Role, action: Action): string {
  return `${roleNames[role]} may not ${phrases[action]}.`;
}

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
    throw new ForbiddenError(forbiddenMessage(principal.role, action));
  }
}

/**
 * What a partner's status leaves its people. Suspended: they read everything they could, and change nothing
 * until the vendor reinstates the partner. Offboarded: nothing (their sign-ins are disabled; this covers the
 * tokens still valid for up to an hour). Vendor staff are never limited by a partner's status: they suspend,
 * reinstate and keep working on the partner's records.
 */
export function assertPartnerMayWrite(status: string | undefined): void {
  if (status === 'suspended') {
    throw new PartnershipInactiveError(
      'Your partnership is suspended: you can read, but not change anything until the vendor reinstates it.',
    );
  }
  if (status === 'offboarded') {
    throw new PartnershipInactiveError('Your partnership has ended: nothing can be changed any more.');
  }
}

/** For lists without a partner in the path: the partner a partner principal is confined to. */
export function partnerScope(principal: Principal): string | undefined {
  return isVendor(principal) ? undefined : principal.partnerId;
}

/** What list cursors are bound to besides the query: a partner's cursor is worthless to the vendor and vice versa. */
export function cursorScope(principal: Principal | undefined): string {
  if (!principal) return 'public';
  return isVendor(principal) ? 'vendor' : `partner:${principal.partnerId ?? ''}`;
}
