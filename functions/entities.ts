import { platformEntities } from '#shared/db/entities';
import { agreementsEntities } from '#functions/agreements/entities';
import { alertsEntities } from '#functions/alerts/entities';
import { collaborationEntities } from '#functions/collaboration/entities';
import { partnersEntities } from '#functions/partners/entities';
import { performanceEntities } from '#functions/performance/entities';
import { supplyEntities } from '#functions/supply/entities';

/** Every stored object, in the order of the data-layout table in docs/ARCHITECTURE.md (generated from these). */
export const allEntities = [
  ...partnersEntities,
  ...agreementsEntities,
  ...performanceEntities,
  ...alertsEntities,
  ...supplyEntities,
  ...collaborationEntities,
  ...platformEntities,
];
