import { definePolicy } from '#shared/auth/policy';

/**
 * Who may do what in this context. Every route names one of these; the HTTP pipeline checks it before any handler
 * runs. `phrase` ends the 403 a person reads: "Partner users may not <phrase>."
 */
export const may = definePolicy({
  'agreement:list': { roles: ['admin', 'manager', 'partner-admin', 'partner-user'], phrase: 'list agreements' },
  'agreement:read': { roles: ['admin', 'manager', 'partner-admin', 'partner-user'], phrase: 'read agreements' },
  'agreement:create': { roles: ['admin', 'manager'], phrase: 'draft agreements' },
  'agreement:propose': { roles: ['admin', 'manager', 'partner-admin'], phrase: 'propose agreement terms' },
  'agreement:sign': { roles: ['admin', 'manager', 'partner-admin'], phrase: 'sign agreements' },
  'agreement:terminate': { roles: ['admin', 'manager', 'partner-admin'], phrase: 'terminate agreements' },
  'risk:list': { roles: ['admin', 'manager', 'partner-admin', 'partner-user'], phrase: 'list risks' },
  'risk:read': { roles: ['admin', 'manager', 'partner-admin', 'partner-user'], phrase: 'read risks' },
  'risk:create': { roles: ['admin', 'manager', 'partner-admin', 'partner-user'], phrase: 'raise risks' },
  'risk:update': { roles: ['admin', 'manager', 'partner-admin', 'partner-user'], phrase: 'change risks' },
  'planning:list': { roles: ['admin', 'manager', 'partner-admin', 'partner-user'], phrase: 'list planning sessions' },
  'planning:read': { roles: ['admin', 'manager', 'partner-admin', 'partner-user'], phrase: 'read planning sessions' },
  'planning:create': { roles: ['admin', 'manager', 'partner-admin'], phrase: 'record planning sessions' },
});
