import type { Principal } from '#shared/auth/principal';
import type { Role } from '#shared/auth/roles';
import { ForbiddenError, NotFoundError, PartnershipInactiveError } from '#shared/errors';

/**
 * Who may do what: each context declares its actions (`functions/<context>/policy.ts`, `definePolicy`), every route
 * names one, and the HTTP pipeline calls `authorize` before any handler runs. Partner principals are confined to
 * their own partner: a foreign partner's resources answer 404, so their existence is never revealed.
 */
export interface Permission {
  /** `<object>:<verb>`, e.g. `agreement:sign`: what the OpenAPI document and the audit of a refusal name. */
  action: string;
  roles: readonly Role[];
  /** What the action is, as the end of "... may not <phrase>." (the 403 a person reads). */
  phrase: string;
}

/** A context's actions, each with the roles that may take it and the phrase of its 403. */
export function definePolicy<const G extends Record<string, { roles: readonly Role[]; phrase: string }>>(
  grants: G,
): { readonly [A in keyof G & string]: Permission } {
  return Object.fromEntries(Object.entries(grants).map(([action, grant]) => [action, { action, ...grant }])) as {
    readonly [A in keyof G & string]: Permission;
  };
}

const roleNames: Record<Role, string> = {
  admin: 'Vendor administrators',
  manager: 'Vendor managers',
  'partner-admin': 'Partner administrators',
  'partner-user': 'Partner users',
};

/** The 403 sentence for an action a role may not take, e.g. "Partner users may not sign agreements." */
export function forbiddenMessage(role: Role, permission: Permission): string {
  return `${roleNames[role]} may not ${permission.phrase}.`;
}

export function isVendor(principal: Principal): boolean {
  return principal.role === 'admin' || principal.role === 'manager';
}

/**
 * Throws NotFoundError for a foreign partner (checked first, so a forbidden action on someone else's
 * partner reveals nothing) and ForbiddenError for an action the caller's role may not take.
 */
export function authorize(principal: Principal, permission: Permission, target: { partnerId?: string } = {}): void {
  if (target.partnerId !== undefined && !isVendor(principal) && principal.partnerId !== target.partnerId) {
    throw new NotFoundError('Partner not found');
  }
  if (!permission.roles.includes(principal.role)) {
    throw new ForbiddenError(forbiddenMessage(principal.role, permission));
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
