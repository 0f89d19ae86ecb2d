import { definePolicy } from '#shared/auth/policy';

/**
 * Who may do what in this context. Every route names one of these; the HTTP pipeline checks it before any handler
 * runs. `phrase` ends the 403 a person reads: "Partner users may not <phrase>."
 */
export const may = definePolicy({
  'alert:inbox': { roles: ['admin', 'manager'], phrase: 'read the vendor’s alert inbox' },
  'alert:list': { roles: ['admin', 'manager', 'partner-admin', 'partner-user'], phrase: 'list alerts' },
  'alert:acknowledge': { roles: ['admin', 'manager', 'partner-admin'], phrase: 'acknowledge alerts' },
  'alert:resolve': { roles: ['admin', 'manager'], phrase: 'resolve alerts' },
});
