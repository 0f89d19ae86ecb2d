import { definePolicy } from '#shared/auth/policy';

/**
 * Who may do what in this context. Every route names one of these; the HTTP pipeline checks it before any handler
 * runs. `phrase` ends the 403 a person reads: "Partner users may not <phrase>."
 */
export const may = definePolicy({
  'product:read': { roles: ['admin', 'manager', 'partner-admin', 'partner-user'], phrase: 'read the product catalog' },
  'product:write': { roles: ['admin', 'manager'], phrase: 'change the product catalog' },
  'inventory:read': { roles: ['admin', 'manager', 'partner-admin', 'partner-user'], phrase: 'read inventory' },
  'inventory:write': { roles: ['admin', 'manager'], phrase: 'publish inventory levels' },
  'sales:report': { roles: ['admin', 'manager', 'partner-admin', 'partner-user'], phrase: 'report sales' },
  'sales:read': { roles: ['admin', 'manager', 'partner-admin', 'partner-user'], phrase: 'read sales' },
  'forecast:commit': { roles: ['admin', 'manager', 'partner-admin'], phrase: 'commit forecasts' },
  'forecast:read': { roles: ['admin', 'manager', 'partner-admin', 'partner-user'], phrase: 'read forecasts' },
  'forecast:summary': { roles: ['admin', 'manager'], phrase: 'read the forecast summary' },
});
