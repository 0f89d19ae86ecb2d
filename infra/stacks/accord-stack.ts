import { join } from 'node:path';
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import type { FunctionSpec } from '#functions/manifest';
import type { StageConfig } from '#infra/config';
import { Api } from '#infra/constructs/api';
import { Data } from '#infra/constructs/data';
import { Events } from '#infra/constructs/events';
import { Identity, issuerOrigin, managedLoginHost } from '#infra/constructs/identity';
import { Jobs } from '#infra/constructs/jobs';
import { Observability } from '#infra/constructs/observability';
import { Portal } from '#infra/constructs/portal';
import { WorkQueues } from '#infra/constructs/work-queues';

export interface AccordStackProps extends StackProps {
  config: StageConfig;
  region: string;
  /** Where `bundleFunctions` wrote `<name>/index.mjs`; read only when this stack is bundled. */
  bundleDir: string;
  /** The portal's `vite build` output, uploaded when given; without it only `/config.json` is written. */
  portalBuildDir?: string;
}

/** Stacks are named after what they hold: `Accord-prod-eu-west-1`. */
export const stackName = (stage: string, region: string): string => `Accord-${stage}-${region}`;

/** Deployed when bundling is skipped (tests, `cdk ls`, `-c bundle=false`): it must never answer a request. */
const PLACEHOLDER_CODE = lambda.Code.fromInline(
  "exports.handler = async () => { throw new Error('placeholder: this stack was synthesized without bundling'); };",
);

/** One deployment of Accord: one stage in one region. */
export class AccordStack extends Stack {
  constructor(scope: Construct, id: string, { config, region, bundleDir, portalBuildDir, ...props }: AccordStackProps) {
    super(scope, id, {
      ...props,
      // Synth needs no credentials: without CDK_DEFAULT_ACCOUNT the account stays a deploy-time token.
      env: { account: process.env.CDK_DEFAULT_ACCOUNT, region },
      description: `Accord partner relationship management, stage ${config.stage}, region ${region}`,
      terminationProtection: config.stage === 'prod',
    });
    const { stage } = config;

    const data = new Data(this, 'Data', { stage });
    const signIn = managedLoginHost(this, stage);
    const portal = new Portal(this, 'Portal', {
      stage,
      signInOrigins: [signIn.origin, issuerOrigin(this)],
      logRetention: config.logRetention,
      logRemovalPolicy: config.logRemovalPolicy,
    });
    const identity = new Identity(this, 'Identity', {
      stage,
      mfaRequired: config.mfaRequired,
      threatProtection: config.threatProtection,
      portalUrl: portal.url,
      extraPortalUrls: config.localPortalUrls,
    });
    // Before any function: planners anywhere are granted on the queues by name.
    const work = new WorkQueues(this, 'WorkQueues', { stage });
    const shared = {
      stage,
      queues: work.byName,
      table: data.table,
      userPool: identity.userPool,
      cursorSecret: data.cursorSecret,
      documentBucket: data.assetBucket,
      code: (spec: FunctionSpec): lambda.Code =>
        this.bundlingRequired ? lambda.Code.fromAsset(join(bundleDir, spec.name)) : PLACEHOLDER_CODE,
      logRetention: config.logRetention,
      logRemovalPolicy: config.logRemovalPolicy,
      logLevel: config.logLevel,
    };
    const events = new Events(this, 'Events', {
      stage,
      archiveRetention: Duration.days(config.eventArchiveRetentionDays),
      senderEmail: config.senderEmail,
      functions: shared,
    });
    const functions = { ...shared, bus: events.bus, notifications: events.notifications };
    const api = new Api(this, 'Api', {
      functions,
      portalClient: identity.portalClient,
      corsOrigins: config.corsOrigins,
      throttle: config.throttle,
    });
    portal.serveApi(api.stage);
    portal.publish(
      {
        apiBase: '/v1',
        stage,
        region,
        cognito: {
          domain: signIn.origin,
          authority: identity.userPool.userPoolProviderUrl,
          clientId: identity.portalClient.userPoolClientId,
          redirectUri: identity.portalRedirectUri,
          logoutUri: identity.portalRedirectUri,
          scopes: 'openid email profile',
        },
      },
      portalBuildDir,
    );
    const jobs = new Jobs(this, 'Jobs', { functions });
    const observability = new Observability(this, 'Observability', {
      stage,
      alarmEmail: config.alarmEmail,
      api,
      functions: [...api.functions, ...events.functions, ...jobs.functions],
      deadLetterQueues: [...events.deadLetterQueues, ...jobs.deadLetterQueues, ...work.deadLetterQueues],
      workQueues: work.workQueues,
    });

    const outputs: Record<string, string> = {
      PortalUrl: portal.url,
      ApiUrl: api.stage.url,
      UserPoolId: identity.userPool.userPoolId,
      PortalClientId: identity.portalClient.userPoolClientId,
      TableName: data.table.tableName,
      AssetBucketName: data.assetBucket.bucketName,
      EventBusName: events.bus.eventBusName,
      AlarmTopicArn: observability.alarmTopic.topicArn,
      NotificationsTopicArn: events.notificationsTopic.topicArn,
    };
    for (const [name, value] of Object.entries(outputs)) new CfnOutput(this, name, { value });
  }
}
