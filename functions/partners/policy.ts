import { definePolicy } from '#shared/auth/policy';

/**
 * Who may do what in this context. Every route names one of these; the HTTP pipeline checks it before any handler
 * runs. `phrase` ends the 403 a person reads: "Partner users may not <phrase>."
 */
export const may = definePolicy({
  'partner:list': { roles: ['admin', 'manager', 'partner-admin', 'partner-user'], phrase: 'list partners' },
  'partner:create': { roles: ['admin', 'manager'], phrase: 'register partners' },
  'partner:read': { roles: ['admin', 'manager', 'partner-admin', 'partner-user'], phrase: 'read partners' },
  'partner:update': { roles: ['admin', 'manager'], phrase: 'change partner profiles' },
  'partner:change-status': { roles: ['admin', 'manager'], phrase: 'change the status of partners' },
  'user:list': { roles: ['admin', 'manager', 'partner-admin', 'partner-user'], phrase: 'list a partner’s people' },
  'user:create': { roles: ['admin', 'manager', 'partner-admin'], phrase: 'add people to a partner' },
  'user:update': { roles: ['admin', 'manager', 'partner-admin'], phrase: 'change a partner’s people' },
  'user:remove': { roles: ['admin', 'manager', 'partner-admin'], phrase: 'remove a partner’s people' },
});
