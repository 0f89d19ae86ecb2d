import type { Principal } from '#shared/auth/principal';
import type { Role } from '#shared/auth/roles';
import * as shared from '#shared/auth/policy';
import { may as agreements } from '#functions/agreements/policy';
import { may as alerts } from '#functions/alerts/policy';
import { may as collaboration } from '#functions/collaboration/policy';
import { may as partners } from '#functions/partners/policy';
import { may as performance } from '#functions/performance/policy';
import { may as platform } from '#functions/platform/policy';
import { may as supply } from '#functions/supply/policy';

/** Every context's actions in one table, by name: for the policy's own tests and the API reference's checks. */
export const policy = {
  ...platform,
  ...partners,
  ...agreements,
  ...performance,
  ...alerts,
  ...supply,
  ...collaboration,
};

export type Action = keyof typeof policy;
export const actions = Object.keys(policy) as Action[];

export function authorize(principal: Principal, action: Action, target: { partnerId?: string } = {}): void {
  shared.authorize(principal, policy[action], target);
}

export function forbiddenMessage(role: Role, action: Action): string {
  return shared.forbiddenMessage(role, policy[action]);
}

export function allowedRoles(action: Action | shared.Permission): readonly Role[] {
  return typeof action === 'string' ? policy[action].roles : action.roles;
}
