import type { EventDefinition } from '#events/envelope';
import { agreementsEvents } from '#functions/agreements/events';
import { alertsEvents } from '#functions/alerts/events';
import { collaborationEvents } from '#functions/collaboration/events';
import { partnersEvents } from '#functions/partners/events';
import { performanceEvents } from '#functions/performance/events';
import { supplyEvents } from '#functions/supply/events';

/** Every domain event of Accord, from each context's own definitions (the manifest's subscriptions are checked against it). */
export const catalog: EventDefinition[] = [
  ...partnersEvents,
  ...agreementsEvents,
  ...performanceEvents,
  ...alertsEvents,
  ...supplyEvents,
  ...collaborationEvents,
];

export function findEvent(source: string, detailType: string): EventDefinition | undefined {
  return catalog.find((e) => e.source === source && e.detailType === detailType);
}
