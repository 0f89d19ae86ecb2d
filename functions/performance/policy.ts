import { definePolicy } from '#shared/auth/policy';

/**
 * Who may do what in this context. Every route names one of these; the HTTP pipeline checks it before any handler
 * runs. `phrase` ends the 403 a person reads: "Partner users may not <phrase>."
 */
export const may = definePolicy({
  'metric:ingest': { roles: ['admin', 'manager', 'partner-admin', 'partner-user'], phrase: 'report metrics' },
  'metric:read': { roles: ['admin', 'manager', 'partner-admin', 'partner-user'], phrase: 'read metrics' },
  'metric-catalog:read': {
    roles: ['admin', 'manager', 'partner-admin', 'partner-user'],
    phrase: 'read the metric catalog',
  },
  'metric-catalog:write': { roles: ['admin', 'manager'], phrase: 'change the metric catalog' },
  'sla:list': { roles: ['admin', 'manager', 'partner-admin', 'partner-user'], phrase: 'list SLAs' },
  'sla:read': { roles: ['admin', 'manager', 'partner-admin', 'partner-user'], phrase: 'read SLAs' },
  'sla:create': { roles: ['admin', 'manager'], phrase: 'create SLAs' },
  'sla:update': { roles: ['admin', 'manager'], phrase: 'change SLAs' },
  'scorecard:read': { roles: ['admin', 'manager', 'partner-admin', 'partner-user'], phrase: 'read scorecards' },
  'dashboard:read': { roles: ['admin', 'manager'], phrase: 'read the program dashboard' },
});
