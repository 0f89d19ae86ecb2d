import { consumer } from '#events/consumer';
import { invocation } from '#shared/invocation';
import { delivering } from '#functions/platform/notifications/delivery';
import { notificationTemplates } from '#functions/platform/notifications/templates';

/**
 * Tells people what happened to their partnerships: the vendor side through the partner's owner manager
 * (or the partner team), the partner side through its active partner-admins. Each context writes its own
 * templates (functions/<context>/notifications.ts); the manifest subscribes this function to exactly the events
 * that have one (notifierSubscriptions), and delivery goes through the notification port
 * (functions/platform/notifications/delivery.ts).
 */
export const handler = invocation(consumer('notifier', ...notificationTemplates.map(delivering)));
