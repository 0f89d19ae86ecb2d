import { agreementsNotifications } from '#functions/agreements/notifications';
import { alertsNotifications } from '#functions/alerts/notifications';
import { collaborationNotifications } from '#functions/collaboration/notifications';
import { partnersNotifications } from '#functions/partners/notifications';
import type { NotificationTemplate } from '#shared/notify/template';

/**
 * Every notification of Accord, from each context's own templates (functions/<context>/notifications.ts).
 * Performance and supply mail nothing of their own: their breaches and cover alerts reach people as alerts.
 */
export const notificationTemplates: NotificationTemplate[] = [
  ...partnersNotifications,
  ...agreementsNotifications,
  ...alertsNotifications,
  ...collaborationNotifications,
];

/** An EventBridge rule pattern of the manifest: one source and the detail types it sends to a consumer. */
export interface Subscription {
  source: string;
  detailTypes: string[];
}

/**
 * The rule patterns that bring a consumer exactly the events of these templates: one per source, sources and
 * detail types in the order the templates list them (so the synthesized rules stay in a stable order).
 */
export function subscriptionsOf(templates: NotificationTemplate[]): Subscription[] {
  const bySource = new Map<string, string[]>();
  for (const { definition } of templates) {
    const detailTypes = bySource.get(definition.source) ?? [];
    if (!detailTypes.includes(definition.detailType)) detailTypes.push(definition.detailType);
    bySource.set(definition.source, detailTypes);
  }
  return [...bySource].map(([source, detailTypes]) => ({ source, detailTypes }));
}

/** The notifier's subscriptions (functions/manifest.ts): the events that have a template, and no other. */
export const notifierSubscriptions = (): Subscription[] => subscriptionsOf(notificationTemplates);
