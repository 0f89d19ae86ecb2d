import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { AccordFunction } from '#infra/constructs/accord-function';
import type { Api } from '#infra/constructs/api';
import type { DeadLetterQueue } from '#infra/constructs/dead-letter-queue';
import type { WorkQueue } from '#infra/constructs/work-queues';

export interface ObservabilityProps {
  stage: string;
  alarmEmail: string | undefined;
  api: Api;
  functions: AccordFunction[];
  deadLetterQueues: DeadLetterQueue[];
  workQueues: WorkQueue[];
}

const PERIOD = Duration.minutes(5);
/** Cold starts included: a p99 above this for 15 minutes is not a cold start any more. */
const P99_LATENCY_MS = 1500;
/** The outbox relay more than a minute behind the table for 15 minutes: events are stuck, not slow. */
const OUTBOX_LAG_MS = 60_000;
/**
 * Work waiting more than 15 minutes, for 15 minutes: the workers are failing (a failed message waits out the
 * visibility timeout) or cannot keep up with the planner. A deep queue alone is no alarm: a planner fills it
 * on purpose; its age says whether it drains.
 */
const QUEUE_AGE_SECONDS = 900;

interface AlarmCondition {
  metric: cloudwatch.IMetric;
  threshold: number;
  /** Default: at or above the threshold. */
  comparisonOperator?: cloudwatch.ComparisonOperator;
  /** Default: one period. */
  evaluationPeriods?: number;
}

/** Alarms to an encrypted topic, and one dashboard per stack. */
export class Observability extends Construct {
  readonly alarmTopic: sns.Topic;
  private readonly alarms: cloudwatch.Alarm[] = [];
  private readonly stage: string;
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    this.stage = props.stage;
    // A customer-managed key: CloudWatch can publish to a topic encrypted with the AWS-managed aws/sns key only
    // if its key policy names cloudwatch.amazonaws.com, and that key policy cannot be changed.
    const key = new kms.Key(this, 'AlarmTopicKey', {
      description: `Encrypts the accord-${props.stage} alarm topic`,
      enableKeyRotation: true,
      // The key protects alarm notifications only, no data: it goes with the stack.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    key.grant(new iam.ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      displayName: `Accord ${props.stage} alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));
    this.action = new SnsAction(this.alarmTopic);

    this.functionAlarms(props.functions);
    this.apiAlarms(props.api);
    for (const { owner, queue } of props.deadLetterQueues) {
      this.alarm(`${owner}-dlq`, 'messages in the dead-letter queue: redrive after fixing the cause', {
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      });
    }
    for (const { spec, queue } of props.workQueues) {
      this.alarm(`${spec.queue}-queue-age`, `work for ${spec.name} has waited over ${QUEUE_AGE_SECONDS / 60} minutes`, {
        metric: queue.metricApproximateAgeOfOldestMessage({ period: PERIOD, statistic: 'Maximum' }),
        threshold: QUEUE_AGE_SECONDS,
        evaluationPeriods: 3,
      });
    }
    this.dashboard(props);
  }

  private functionAlarms(functions: AccordFunction[]): void {
    for (const { spec, fn } of functions) {
      this.alarm(`${spec.name}-errors`, 'invocations failed (unhandled error or timeout)', {
        metric: fn.metricErrors({ period: PERIOD, statistic: 'Sum' }),
        threshold: 1,
      });
      this.alarm(`${spec.name}-throttles`, 'invocations throttled (account or reserved concurrency reached)', {
        metric: fn.metricThrottles({ period: PERIOD, statistic: 'Sum' }),
        threshold: 1,
      });
      if (spec.trigger === 'table-stream') {
        this.alarm(`${spec.name}-lag`, 'the outbox relay is falling behind the table stream', {
          metric: fn.metric('IteratorAge', { period: PERIOD, statistic: 'Maximum' }),
          threshold: OUTBOX_LAG_MS,
          evaluationPeriods: 3,
        });
      }
    }
  }

  private apiAlarms({ httpApi }: Api): void {
    // Handlers answer every expected failure with a 4xx: any 5xx is a bug or an outage.
    this.alarm('api-5xx', 'the API answered 5xx', {
      metric: httpApi.metricServerError({ period: PERIOD, statistic: 'Sum' }),
      threshold: 1,
    });
    this.alarm('api-p99-latency', `p99 latency above ${P99_LATENCY_MS} ms for 15 minutes`, {
      metric: httpApi.metricLatency({ period: PERIOD, statistic: 'p99' }),
      threshold: P99_LATENCY_MS,
      evaluationPeriods: 3,
    });
  }

  private alarm(name: string, description: string, condition: AlarmCondition): void {
    const alarm = new cloudwatch.Alarm(this, name, {
      alarmName: `accord-${this.stage}-${name}`,
      alarmDescription: `accord-${this.stage}: ${description}`,
      metric: condition.metric,
      threshold: condition.threshold,
      comparisonOperator:
        condition.comparisonOperator ?? cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: condition.evaluationPeriods ?? 1,
      // No invocations, no requests, no messages: nothing is wrong.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    // OK notifications too: whoever was paged learns that it recovered.
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
  }

  private dashboard({ api, functions, deadLetterQueues, workQueues }: ObservabilityProps): void {
    const graph = (title: string, left: cloudwatch.IMetric[]): cloudwatch.GraphWidget =>
      new cloudwatch.GraphWidget({ title, left, width: 8, height: 6 });
    const { httpApi } = api;
    new cloudwatch.Dashboard(this, 'Dashboard', {
      // Dashboards are global to the account: the region keeps the stacks of one stage apart.
      dashboardName: `accord-${this.stage}-${Stack.of(this).region}`,
      defaultInterval: Duration.hours(6),
      widgets: [
        [
          graph('API requests', [httpApi.metricCount(), httpApi.metricClientError(), httpApi.metricServerError()]),
          graph('API latency', [
            httpApi.metricLatency({ statistic: 'p50' }),
            httpApi.metricLatency({ statistic: 'p99' }),
            httpApi.metricIntegrationLatency({ statistic: 'p99' }),
          ]),
          new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 8, height: 6 }),
        ],
        [
          graph(
            'Invocations',
            functions.map((f) => f.fn.metricInvocations({ label: f.spec.name })),
          ),
          graph(
            'Errors',
            functions.map((f) => f.fn.metricErrors({ label: f.spec.name })),
          ),
          graph(
            'Duration p99',
            functions.map((f) => f.fn.metricDuration({ label: f.spec.name, statistic: 'p99' })),
          ),
        ],
        [
          graph(
            'Throttles',
            functions.map((f) => f.fn.metricThrottles({ label: f.spec.name })),
          ),
          graph(
            'Outbox relay lag (ms)',
            functions
              .filter((f) => f.spec.trigger === 'table-stream')
              .map((f) => f.fn.metric('IteratorAge', { statistic: 'Maximum', label: f.spec.name })),
          ),
          graph(
            'Dead-letter queues',
            deadLetterQueues.map(({ owner, queue }) =>
              queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', label: owner }),
            ),
          ),
        ],
        [
          graph(
            'Work queues: messages waiting',
            workQueues.map(({ spec, queue }) =>
              queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', label: spec.queue }),
            ),
          ),
          graph(
            'Work queues: oldest message (s)',
            workQueues.map(({ spec, queue }) =>
              queue.metricApproximateAgeOfOldestMessage({ statistic: 'Maximum', label: spec.queue }),
            ),
          ),
        ],
      ],
    });
  }
}
