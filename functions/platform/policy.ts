import { definePolicy } from '#shared/auth/policy';

/**
 * Who may do what in this context. Every route names one of these; the HTTP pipeline checks it before any handler
 * runs. `phrase` ends the 403 a person reads: "Partner users may not <phrase>."
 */
export const may = definePolicy({
  'me:read': { roles: ['admin', 'manager', 'partner-admin', 'partner-user'], phrase: 'read their own profile' },
  'audit:read': { roles: ['admin', 'manager', 'partner-admin'], phrase: 'read the audit trail' },
});
