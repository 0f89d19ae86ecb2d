import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import { OUTBOX_ITEM_TYPE } from '#events/outbox-item';
import { type EventFunction, eventFunctions, type StreamFunction, streamFunctions } from '#functions/manifest';
import { AccordFunction, type FunctionContext, type NotificationChannels } from '#infra/constructs/accord-function';
import { type DeadLetterQueue, deadLetterQueue } from '#infra/constructs/dead-letter-queue';

export interface EventsProps {
  stage: string;
  archiveRetention: Duration;
  /** The verified SES sender of notification e-mail; undefined: notifications reach the topic only. */
  senderEmail: string | undefined;
  /** Everything but the bus and the notification channels, which this construct creates. */
  functions: Omit<FunctionContext, 'bus' | 'notifications'>;
}

/**
 * The bus and its archive, the outbox relay that feeds it, one rule per consumer in the manifest, and the
 * notifications topic: what the notifier tells people, published for integrations (chat, ticketing, a
 * partner's own systems) as the bus publishes domain events.
 */
export class Events extends Construct {
  readonly bus: events.EventBus;
  readonly notifications: NotificationChannels;
  readonly notificationsTopic: sns.Topic;
  readonly functions: AccordFunction[] = [];
  readonly deadLetterQueues: DeadLetterQueue[] = [];
  private readonly context: FunctionContext;

  constructor(scope: Construct, id: string, { stage, archiveRetention, senderEmail, functions }: EventsProps) {
    super(scope, id);
    this.bus = new events.EventBus(this, 'Bus', { eventBusName: `accord-${stage}` });
    this.bus.archive('Archive', {
      description: `Every event on accord-${stage}, to replay into a consumer after a bug fix`,
      eventPattern: { account: [Stack.of(this).account] },
      retention: archiveRetention,
    });
    // A customer-managed key, so a subscriber that must decrypt (an encrypted SQS queue, EventBridge Pipes) can
    // be granted on it; publishers get kms:GenerateDataKey* with sns:Publish.
    const key = new kms.Key(this, 'NotificationsTopicKey', {
      description: `Encrypts the accord-${stage}-notifications topic`,
      enableKeyRotation: true,
      // SNS keeps no messages once delivered: the key protects no data at rest and goes with the stack.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.notificationsTopic = new sns.Topic(this, 'NotificationsTopic', {
      topicName: `accord-${stage}-notifications`,
      displayName: `Accord ${stage} notifications`,
      masterKey: key,
      enforceSSL: true,
    });
    this.notifications = { topic: this.notificationsTopic, senderEmail };
    this.context = { ...functions, bus: this.bus, notifications: this.notifications };
    for (const spec of streamFunctions()) this.addRelay(spec);
    for (const spec of eventFunctions()) this.addConsumer(spec);
  }

  private addRelay(spec: StreamFunction): void {
    const dlq = deadLetterQueue(this, `${spec.name}-dlq`, spec.name);
    const relay = new AccordFunction(this, spec.name, { spec, context: this.context });
    relay.fn.addEventSource(
      new DynamoEventSource(this.context.table, {
        // From the oldest record still in the stream: outbox items written before the mapping existed (or
        // while it was disabled) are published too. Nothing is lost between the write and the bus.
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        // Lambda drops everything but new outbox items before invoking: entity and audit writes cost nothing.
        // FilterRule's helpers are typed `any` by aws-cdk-lib; FilterCriteria.filter takes that shape as it is.
        filters: [
          lambda.FilterCriteria.filter({
            /* eslint-disable @typescript-eslint/no-unsafe-assignment */
            eventName: lambda.FilterRule.isEqual('INSERT'),
            dynamodb: { NewImage: { type: { S: lambda.FilterRule.isEqual(OUTBOX_ITEM_TYPE) } } },
            /* eslint-enable @typescript-eslint/no-unsafe-assignment */
          }),
        ],
        // The relay reports the records it could not publish; a poison record is isolated by bisecting
        // instead of blocking its shard.
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        retryAttempts: 10,
        // The DLQ receives the shard and sequence numbers of the failed records, not the records: they must be
        // re-read from the stream within its 24 h retention, hence the depth alarm.
        onFailure: new SqsDlq(dlq.queue),
      }),
    );
    this.functions.push(relay);
    this.deadLetterQueues.push(dlq);
  }

  private addConsumer(spec: EventFunction): void {
    // One DLQ per consumer for both failure kinds: events the rule could not deliver, and events the
    // handler still failed on after Lambda's retries (consumers are idempotent, so a redrive is safe).
    const dlq = deadLetterQueue(this, `${spec.name}-dlq`, spec.name);
    const consumer = new AccordFunction(this, spec.name, { spec, context: this.context, onFailure: dlq.queue });
    // One rule per source, so one source's detail types never match another source's events.
    for (const { source, detailTypes } of spec.events) {
      new events.Rule(this, `${spec.name}-${source}`, {
        eventBus: this.bus,
        description: `${source} ${detailTypes.join(', ')} -> ${spec.name}`,
        eventPattern: { source: [source], detailType: detailTypes },
        targets: [
          new targets.LambdaFunction(consumer.fn, {
            deadLetterQueue: dlq.queue,
            // EventBridge retries only the hand-over to Lambda, which rarely fails; when it does (a broken
            // permission), the DLQ should hear of it within hours, not after the default 24.
            retryAttempts: 10,
            maxEventAge: Duration.hours(6),
          }),
        ],
      });
    }
    this.functions.push(consumer);
    this.deadLetterQueues.push(dlq);
  }
}
