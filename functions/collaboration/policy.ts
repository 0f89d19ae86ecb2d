import { definePolicy } from '#shared/auth/policy';

/**
 * Who may do what in this context. Every route names one of these; the HTTP pipeline checks it before any handler
 * runs. `phrase` ends the 403 a person reads: "Partner users may not <phrase>."
 */
export const may = definePolicy({
  'disclosure:read': { roles: ['admin', 'manager', 'partner-admin', 'partner-user'], phrase: 'read disclosures' },
  'disclosure:write': { roles: ['admin', 'manager', 'partner-admin'], phrase: 'write disclosures' },
  'objective:list': { roles: ['admin', 'manager', 'partner-admin', 'partner-user'], phrase: 'list objectives' },
  'objective:read': { roles: ['admin', 'manager', 'partner-admin', 'partner-user'], phrase: 'read objectives' },
  'objective:create': { roles: ['admin', 'manager', 'partner-admin'], phrase: 'create objectives' },
  'objective:update': { roles: ['admin', 'manager', 'partner-admin'], phrase: 'change objectives' },
  'milestone:update': { roles: ['admin', 'manager', 'partner-admin', 'partner-user'], phrase: 'change milestones' },
  'roadmap:read': { roles: ['admin', 'manager', 'partner-admin', 'partner-user'], phrase: 'read the roadmap' },
  'check-in:list': { roles: ['admin', 'manager', 'partner-admin', 'partner-user'], phrase: 'list check-ins' },
  'check-in:read': { roles: ['admin', 'manager', 'partner-admin', 'partner-user'], phrase: 'read check-ins' },
  'check-in:schedule': { roles: ['admin', 'manager', 'partner-admin'], phrase: 'schedule check-ins' },
  'check-in:record': { roles: ['admin', 'manager', 'partner-admin'], phrase: 'record check-ins' },
  'dispute:list': { roles: ['admin', 'manager', 'partner-admin', 'partner-user'], phrase: 'list disputes' },
  'dispute:read': { roles: ['admin', 'manager', 'partner-admin', 'partner-user'], phrase: 'read disputes' },
  'dispute:raise': { roles: ['admin', 'manager', 'partner-admin'], phrase: 'raise disputes' },
  'dispute:message': { roles: ['admin', 'manager', 'partner-admin'], phrase: 'write in disputes' },
  'dispute:propose': { roles: ['admin', 'manager', 'partner-admin'], phrase: 'propose dispute resolutions' },
  'dispute:accept': { roles: ['admin', 'manager', 'partner-admin'], phrase: 'accept dispute resolutions' },
  'feedback:submit': { roles: ['admin', 'manager', 'partner-admin', 'partner-user'], phrase: 'submit feedback' },
  'feedback:list': { roles: ['admin', 'manager', 'partner-admin', 'partner-user'], phrase: 'list feedback' },
  'feedback:triage': { roles: ['admin', 'manager'], phrase: 'triage feedback' },
});
