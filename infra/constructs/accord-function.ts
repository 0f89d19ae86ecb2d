import { type CfnElement, Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionSpec } from '#functions/manifest';
import type { LogLevel } from '#infra/config';
import { tableSpec } from '#shared/db/table';
import { queueUrlVariable } from '#shared/queue/sqs';

/** What identity-sync may do in the user pool, and nothing more (no AdminDeleteUser, no password resets). */
export const USER_POOL_ADMIN_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminUpdateUserAttributes',
  'cognito-idp:AdminGetUser',
];

// No Scan: the request path never scans and global lists use sparse GSIs (ARCHITECTURE section 7).
// Transactions need no action of their own: TransactWriteItems is authorized per item by these actions.
const TABLE_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
export const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

/**
 * Node.js 24, the newest Lambda runtime: nodejs20.x is deprecated and Node.js 22 reaches end of life on
 * 2027-04-30. The bundles target the same version (infra/bundle.ts).
 */
export const RUNTIME = lambda.Runtime.NODEJS_24_X;

/** SES: sending an e-mail, and nothing else (no identity or template management). */
export const SES_SEND_ACTIONS = ['ses:SendEmail', 'ses:SendRawEmail'];

/** API Gateway gives up after 30 s and a client should hear much sooner; background work gets headroom. */
export function functionTimeout(spec: FunctionSpec): Duration {
  return Duration.seconds(spec.timeoutSeconds ?? (spec.trigger === 'http' ? 10 : 60));
}

/** Where notifications go: the integrations topic always, e-mail when the stage has a sender. */
export interface NotificationChannels {
  topic: sns.ITopic;
  /** The verified SES identity e-mail is sent from; undefined: no e-mail, the topic only. */
  senderEmail: string | undefined;
}

/** The shared resources and settings every function of a stack is built with. */
export interface FunctionContext {
  stage: string;
  table: dynamodb.ITableV2;
  bus: events.IEventBus;
  userPool: cognito.IUserPool;
  cursorSecret: secretsmanager.ISecret;
  /** Large documents (agreement clauses): functions with `documents` access read and write it. */
  documentBucket: s3.IBucket;
  /** The work queues of the manifest's `queue` functions, by queue name (`access.sendsTo`). */
  queues: ReadonlyMap<string, sqs.IQueue>;
  /** For functions with `notifications` access. */
  notifications: NotificationChannels;
  /** The bundle of a function, or a placeholder when the synth skips bundling. */
  code: (spec: FunctionSpec) => lambda.Code;
  logRetention: logs.RetentionDays;
  logRemovalPolicy: RemovalPolicy;
  logLevel: LogLevel;
}

export interface AccordFunctionProps {
  spec: FunctionSpec;
  context: FunctionContext;
  /**
   * For asynchronously invoked functions (rules, schedules): events whose handler still fails after Lambda's
   * retries land here with the error, instead of being dropped. The rule's or schedule's own DLQ only catches
   * events that could not be delivered to Lambda at all.
   */
  onFailure?: sqs.IQueue;
}

/** The one place that holds every Lambda default. Grants come from the manifest entry's `access`, nothing else. */
export class AccordFunction extends Construct {
  readonly spec: FunctionSpec;
  readonly fn: lambda.Function;

  constructor(scope: Construct, id: string, { spec, context, onFailure }: AccordFunctionProps) {
    super(scope, id);
    this.spec = spec;
    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: context.logRetention,
      removalPolicy: context.logRemovalPolicy,
    });
    // An own role instead of the AWSLambdaBasicExecutionRole managed policy, which may write to any log group.
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Accord ${context.stage} ${spec.name}`,
    });
    logGroup.grantWrite(role);

    this.fn = new lambda.Function(this, 'Function', {
      functionName: `accord-${context.stage}-${spec.name}`,
      description: spec.description,
      runtime: RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: context.code(spec),
      // Lambda gives CPU in proportion to memory, and cold starts (parsing the bundle, the first TLS handshake)
      // are CPU-bound.
      memorySize: spec.memoryMb ?? 1024,
      timeout: functionTimeout(spec),
      tracing: lambda.Tracing.ACTIVE,
      role,
      logGroup,
      // START/REPORT lines (with the init duration) become JSON too, queryable like the Powertools lines; the
      // level must match POWERTOOLS_LOG_LEVEL or Lambda drops the lines below its own level.
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel[context.logLevel],
      environment: environment(spec, context),
      ...(onFailure && { onFailure: new SqsDestination(onFailure), retryAttempts: 2 }),
    });

    grantAccess(role, spec, context);
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level scoping.',
    });
  }
}

function environment(spec: FunctionSpec, context: FunctionContext): Record<string, string> {
  const { access } = spec;
  return {
    // Always set: shared/config.ts requires it even in functions that never touch the table.
    TABLE_NAME: context.table.tableName,
    STAGE: context.stage,
    POWERTOOLS_SERVICE_NAME: spec.name,
    POWERTOOLS_LOG_LEVEL: context.logLevel,
    NODE_OPTIONS: '--enable-source-maps',
    ...(access.bus && { EVENT_BUS_NAME: context.bus.eventBusName }),
    ...(access.userPool && { USER_POOL_ID: context.userPool.userPoolId }),
    ...(access.cursorSecret && { CURSOR_SECRET_ARN: context.cursorSecret.secretArn }),
    ...(access.documents && { DOCUMENTS_BUCKET: context.documentBucket.bucketName }),
    ...Object.fromEntries(
      (access.sendsTo ?? []).map((name) => [queueUrlVariable(name), workQueue(spec, context, name).queueUrl]),
    ),
    ...(access.notifications && { NOTIFICATIONS_TOPIC_ARN: context.notifications.topic.topicArn }),
    ...(access.notifications &&
      context.notifications.senderEmail && { SENDER_EMAIL: context.notifications.senderEmail }),
  };
}

/** A queue named in `access.sendsTo`; a name no `queue` function consumes is a manifest typo. */
function workQueue(spec: FunctionSpec, context: FunctionContext, name: string): sqs.IQueue {
  const queue = context.queues.get(name);
  if (!queue) {
    throw new Error(
      `${spec.name}: access.sendsTo names queue "${name}", which no manifest queue function consumes (known: ${[...context.queues.keys()].join(', ') || 'none'})`,
    );
  }
  return queue;
}

function grantAccess(role: iam.IRole, spec: FunctionSpec, context: FunctionContext): void {
  const { access } = spec;
  const { table } = context;
  if (access.table) {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: access.table === 'readWrite' ? [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS] : TABLE_READ_ACTIONS,
        // The indexes by name, not `index/*`: an index added later is granted only by adding it to tableSpec.
        resources: [
          table.tableArn,
          ...tableSpec.globalSecondaryIndexes.map((index) => `${table.tableArn}/index/${index.indexName}`),
        ],
      }),
    );
  }
  if (access.tableStream) table.grantStreamRead(role);
  if (access.bus) context.bus.grantPutEventsTo(role);
  if (access.userPool) context.userPool.grant(role, ...USER_POOL_ADMIN_ACTIONS);
  if (access.cursorSecret) context.cursorSecret.grantRead(role);
  // Documents are written once and read back; agreements never delete them (versions are immutable).
  if (access.documents) {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject'],
        resources: [context.documentBucket.arnForObjects(`${DOCUMENT_PREFIX}*`)],
      }),
    );
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(role).getLogicalId(context.documentBucket.node.defaultChild as CfnElement)}.Arn>/${DOCUMENT_PREFIX}*]`,
      reason:
        'Agreement documents are content-addressed objects under agreements/<id>/: the prefix is the narrowest scope.',
    });
  }
  // SendMessage only (it also authorizes SendMessageBatch): no receive, no purge, not even GetQueueUrl, since
  // the URL comes in the environment. The queues are SQS-managed encrypted, so no KMS grant is needed.
  for (const name of access.sendsTo ?? []) {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [workQueue(spec, context, name).queueArn] }),
    );
  }
  if (access.notifications) grantNotifications(role, context.notifications);
}

/**
 * Publish to the integrations topic (and use its key), and send e-mail from the configured sender only: the
 * statement names the address's identity and its domain's (SES authorizes against whichever is verified), and
 * `ses:FromAddress` pins the From address either way.
 */
function grantNotifications(role: iam.IRole, { topic, senderEmail }: NotificationChannels): void {
  topic.grantPublish(role);
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
    reason:
      'Publishing to the KMS-encrypted notifications topic takes kms:GenerateDataKey* and kms:Decrypt, as SNS ' +
      'documents for publishers; the statement names that one key.',
  });
  if (!senderEmail) return;
  const stack = Stack.of(role);
  const domain = senderEmail.slice(senderEmail.lastIndexOf('@') + 1);
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: SES_SEND_ACTIONS,
      resources: [senderEmail, domain].map((identity) =>
        stack.formatArn({ service: 'ses', resource: 'identity', resourceName: identity }),
      ),
      conditions: { StringEquals: { 'ses:FromAddress': senderEmail } },
    }),
  );
}

/** Where agreement documents live in the asset bucket (shared/documents/store.ts writes under it). */
const DOCUMENT_PREFIX = 'agreements/';
