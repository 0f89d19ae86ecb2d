import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { type QueueFunction, queueFunctions, scheduledFunctions } from '#functions/manifest';
import { AccordFunction, type FunctionContext } from '#infra/constructs/accord-function';
import { type DeadLetterQueue, deadLetterQueue } from '#infra/constructs/dead-letter-queue';
import { batchingWindow } from '#infra/constructs/work-queues';

/**
 * Worker invocations per queue at most: a planner's fan-out must not take the account's whole concurrency,
 * which the API shares. (The local queues run 4 at a time.)
 */
export const WORKER_MAX_CONCURRENCY = 10;

export interface JobsProps {
  functions: FunctionContext;
}

/**
 * One EventBridge Scheduler schedule per scheduled function of the manifest. Scheduler rather than a scheduled
 * rule: it has a retry policy and a DLQ per schedule, and time zones when a job needs local time.
 * And the workers of the manifest's `queue` functions, fed by their queues (infra/constructs/work-queues.ts):
 * a job that outgrows one run plans the work and sends it to them.
 */
export class Jobs extends Construct {
  readonly functions: AccordFunction[] = [];
  readonly deadLetterQueues: DeadLetterQueue[] = [];

  constructor(scope: Construct, id: string, { functions: context }: JobsProps) {
    super(scope, id);
    for (const spec of scheduledFunctions()) {
      // Both failure kinds land here: a tick Scheduler could not deliver, and a run that failed after
      // Lambda's retries. Jobs are idempotent, so a redrive or a retried run is safe.
      const dlq = deadLetterQueue(this, `${spec.name}-dlq`, spec.name);
      const job = new AccordFunction(this, spec.name, { spec, context, onFailure: dlq.queue });
      const role = this.invokerRole(spec.name, job);
      new scheduler.Schedule(this, `${spec.name}-schedule`, {
        scheduleName: `accord-${context.stage}-${spec.job}`,
        description: spec.description,
        schedule: scheduler.ScheduleExpression.expression(spec.schedule),
        target: new LambdaInvoke(job.fn, {
          role,
          // The job name, as `npm run job -- <job>` passes it locally, and the tick's own time, which the job
          // takes as its operation time: a retried delivery still acts for the tick it belongs to.
          input: scheduler.ScheduleTargetInput.fromObject({
            job: spec.job,
            scheduledTime: scheduler.ContextAttribute.scheduledTime,
          }),
          deadLetterQueue: dlq.queue,
          retryAttempts: 3,
          // Scheduler retries only the hand-over to Lambda. A late run is harmless (jobs read "now" and are
          // idempotent), but an hour of failed hand-overs is a broken permission: the DLQ should say so.
          maxEventAge: Duration.hours(1),
        }),
      });
      this.functions.push(job);
      this.deadLetterQueues.push(dlq);
    }
    for (const spec of queueFunctions()) this.addWorker(spec, context);
  }

  /** The queue's DLQ catches what keeps failing (redrive policy): it is the work queues' to report. */
  private addWorker(spec: QueueFunction, context: FunctionContext): void {
    const queue = context.queues.get(spec.queue);
    if (!queue) throw new Error(`${spec.name}: no work queue ${spec.queue}`);
    const worker = new AccordFunction(this, spec.name, { spec, context });
    worker.fn.addEventSource(
      new SqsEventSource(queue, {
        batchSize: spec.batchSize,
        maxBatchingWindow: batchingWindow(spec),
        // Workers report the messages they failed; the others are deleted instead of being redone.
        reportBatchItemFailures: true,
        maxConcurrency: WORKER_MAX_CONCURRENCY,
      }),
    );
    this.functions.push(worker);
  }

  /** The role Scheduler assumes to invoke one job, and only on behalf of this account's default schedule group. */
  private invokerRole(name: string, job: AccordFunction): iam.Role {
    const stack = Stack.of(this);
    const role = new iam.Role(this, `${name}-invoker`, {
      description: `EventBridge Scheduler invokes the ${name} job`,
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: {
            'aws:SourceAccount': stack.account,
            'aws:SourceArn': stack.formatArn({
              service: 'scheduler',
              resource: 'schedule-group',
              resourceName: 'default',
            }),
          },
        },
      }),
    });
    const functionLogicalId = stack.getLogicalId(job.fn.node.defaultChild as lambda.CfnFunction);
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionLogicalId}.Arn>:*]`,
      reason:
        'LambdaInvoke grants lambda:InvokeFunction on the function ARN and its qualified ARNs (versions, ' +
        'aliases): the wildcard never leaves this one function.',
    });
    return role;
  }
}
