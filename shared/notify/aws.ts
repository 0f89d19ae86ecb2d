import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { isEmailAddress, type Notification } from '#shared/notify/deliver';
import { logger } from '#shared/log';

/**
 * Delivery in AWS. The notification is published to the integrations topic (NOTIFICATIONS_TOPIC_ARN) as JSON,
 * with `event` and `partnerId` as message attributes so subscriptions can filter; and, when the stage has a
 * sender (SENDER_EMAIL), e-mailed through SES v2, one message per recipient so neither side sees the other's
 * addresses. Without a sender the topic is the only channel (see docs/operations.md).
 *
 * The notifier is an idempotent consumer that retries a failed run as a whole, so a transient failure here is
 * rethrown (the retry may repeat what did go out: delivery is at least once, integrations dedupe on eventId).
 * A recipient SES refuses for good (rejected, malformed) is logged and skipped: retrying cannot fix it and
 * would repeat every other delivery.
 */

let ses: SESv2Client | undefined;
let sns: SNSClient | undefined;

const PERMANENT_SES_ERRORS = new Set(['MessageRejected', 'BadRequestException']);

export async function deliverThroughAws(notification: Notification): Promise<void> {
  const topicArn = process.env.NOTIFICATIONS_TOPIC_ARN;
  if (!topicArn) throw new Error('NOTIFICATIONS_TOPIC_ARN is not set and no local deliverer is installed');
  const sender = process.env.SENDER_EMAIL || undefined;
  const addresses = sender ? [...new Set(notification.to.filter(isEmailAddress))] : [];

  const results = await Promise.allSettled([
    publish(topicArn, notification),
    ...addresses.map((address) => email(sender!, address, notification)),
  ]);
  const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
  const log = { event: notification.event, eventId: notification.eventId, partnerId: notification.partnerId };
  if (failures.length > 0) {
    throw new AggregateError(
      failures,
      `${failures.length} of ${results.length} deliveries of ${notification.event} failed`,
    );
  }
  // Counts, not addresses: the log is no place for people's e-mail addresses.
  logger.info('notification delivered', { ...log, emails: addresses.length, topic: true });
}

async function publish(topicArn: string, notification: Notification): Promise<void> {
  sns ??= new SNSClient({});
  const { event, eventId, partnerId, subject, text, to } = notification;
  await sns.send(
    new PublishCommand({
      TopicArn: topicArn,
      // No SNS Subject: it must be ASCII under 100 characters, and ours carry partner and agreement names.
      Message: JSON.stringify({ event, eventId, partnerId, subject, text, recipients: to }),
      MessageAttributes: {
        event: { DataType: 'String', StringValue: event },
        partnerId: { DataType: 'String', StringValue: partnerId },
      },
    }),
  );
}

async function email(sender: string, address: string, notification: Notification): Promise<void> {
  ses ??= new SESv2Client({});
  try {
    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: sender,
        Destination: { ToAddresses: [address] },
        Content: {
          Simple: {
            Subject: { Data: notification.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: notification.text, Charset: 'UTF-8' } },
          },
        },
      }),
    );
  } catch (error) {
    const name = (error as { name?: string }).name ?? '';
    if (!PERMANENT_SES_ERRORS.has(name)) throw error;
    logger.error('e-mail refused for good; not retried', {
      event: notification.event,
      eventId: notification.eventId,
      partnerId: notification.partnerId,
      error: error as Error,
    });
  }
}
