import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { accessLogBucket } from '#infra/constructs/access-log-bucket';

export interface PortalProps {
  stage: string;
  /** Hosts the browser talks to besides its own origin: the Cognito managed login and its OIDC issuer. */
  signInOrigins: string[];
  /** For the log group of the deployment handler that uploads the portal. */
  logRetention: logs.RetentionDays;
  logRemovalPolicy: RemovalPolicy;
}

/** What `/config.json` tells the portal at run time; written at deploy time, never baked into the build. */
export interface PortalSettings {
  apiBase: '/v1';
  stage: string;
  region: string;
  cognito: {
    /** The managed login domain, `https://<prefix>.auth.<region>.amazoncognito.com`. */
    domain: string;
    /** The OIDC issuer (`authority` for oidc-client-ts). */
    authority: string;
    clientId: string;
    redirectUri: string;
    logoutUri: string;
    scopes: string;
  };
}

/** Long-cached because Vite names them by content hash; everything else is revalidated on each load. */
const IMMUTABLE = s3deploy.CacheControl.fromString('public, max-age=31536000, immutable');
const REVALIDATE = s3deploy.CacheControl.fromString('no-cache');

/**
 * The portal in AWS: a private bucket that only this distribution reads (origin access control), the stage's HTTP
 * API under the same origin at `/v1/*` (so the browser never needs CORS), security headers on every response.
 */
export class Portal extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** `https://<id>.cloudfront.net`, without a trailing slash. */
  readonly url: string;
  private readonly headers: cloudfront.ResponseHeadersPolicy;
  private readonly deploymentLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, { stage, signInOrigins, logRetention, logRemovalPolicy }: PortalProps) {
    super(scope, id);
    this.deploymentLogs = new logs.LogGroup(this, 'DeploymentLogs', {
      retention: logRetention,
      removalPolicy: logRemovalPolicy,
    });
    const accessLogs = accessLogBucket(this, 'AccessLogs', {
      receives: 'the portal bucket and distribution access logs',
      cloudFrontLogs: true,
    });

    this.bucket = new s3.Bucket(this, 'Site', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'site/',
      // Like every bucket of the stack: a non-empty bucket would fail the stack's deletion, and nothing empties it.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      responseHeadersPolicyName: `accord-${stage}-${Stack.of(this).region}-portal`,
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(signInOrigins), override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
      },
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `Accord portal, stage ${stage}`,
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: accessLogs,
      logFilePrefix: 'distribution/',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.headers,
        compress: true,
        // A rewrite instead of 403/404 error responses: those would also turn the API's own 404s into index.html.
        functionAssociations: [{ function: spaRewrite(this), eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}`;

    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason:
        'The default *.cloudfront.net certificate allows TLSv1 at the viewer; a custom domain with an ACM ' +
        'certificate (not configured for this stage) is what lifts the minimum to TLSv1.2_2021.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'Partners sign in from any country; access is decided by Cognito sign-in, not by geography.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason:
        'Static files and an API that rejects unsigned requests at its JWT authorizer and throttles per stage; ' +
        'a WAF web ACL (us-east-1 only) is an operator choice, not part of every stage.',
    });
  }

  /** `/v1/*` goes to the stage's HTTP API: never cached, every method, every viewer header except Host. */
  serveApi(stage: apigw.HttpStage): void {
    const region = Stack.of(this).region;
    const urlSuffix = Stack.of(this).urlSuffix;
    this.distribution.addBehavior(
      '/v1/*',
      new origins.HttpOrigin(`${stage.api.apiId}.execute-api.${region}.${urlSuffix}`, {
        protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      }),
      {
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: this.headers,
        compress: true,
      },
    );
  }

  /**
   * Uploads the portal build (when `buildDir` is given: tests and CI synthesize without one) and writes
   * `/config.json`. Hashed assets are cached for a year; index.html and config.json are revalidated on each load.
   */
  publish(settings: PortalSettings, buildDir?: string): void {
    const destination = { destinationBucket: this.bucket, memoryLimit: 512, logGroup: this.deploymentLogs };
    const entryFiles = ['index.html', 'config.json'];
    if (buildDir !== undefined) {
      new s3deploy.BucketDeployment(this, 'Assets', {
        ...destination,
        sources: [s3deploy.Source.asset(buildDir, { exclude: entryFiles })],
        // Excluded files are also kept from pruning: the Entry deployment below owns them.
        exclude: entryFiles,
        cacheControl: [IMMUTABLE],
      });
    }
    new s3deploy.BucketDeployment(this, 'Entry', {
      ...destination,
      sources: [
        s3deploy.Source.jsonData('config.json', settings),
        ...(buildDir === undefined ? [] : [s3deploy.Source.asset(buildDir, { exclude: ['*', '!index.html'] })]),
      ],
      // Keeps the previous build's assets: a browser holding the old index.html still finds its chunks.
      prune: false,
      cacheControl: [REVALIDATE],
    });
    this.acknowledgeDeploymentHandler();
  }

  /** BucketDeployment's handler is one function per stack, built by CDK; its shape is not ours to change. */
  private acknowledgeDeploymentHandler(): void {
    const stack = Stack.of(this);
    const siteArn = `<${stack.getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket)}.Arn>/*`;
    const stagingBucket = `arn:aws:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${stack.region}/*`;
    const handlers = stack.node.children.filter((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
    for (const handler of handlers) {
      const acknowledge = (id: string, reason: string) => Validations.of(handler).acknowledge({ id, reason });
      acknowledge(
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'The BucketDeployment handler (CDK) writes its own logs; the managed policy grants exactly that.',
      );
      const wildcards = ['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*'];
      for (const action of wildcards) {
        acknowledge(
          `AwsSolutions-IAM5[Action::${action}]`,
          'BucketDeployment grants read on the CDK staging bucket and read/write on the portal bucket only.',
        );
      }
      for (const resource of [siteArn, stagingBucket]) {
        acknowledge(
          `AwsSolutions-IAM5[Resource::${resource}]`,
          'The handler syncs whole prefixes: every object of the portal bucket, and the staged build asset.',
        );
      }
      acknowledge(
        'AwsSolutions-L1',
        'The BucketDeployment handler runtime is pinned by aws-cdk-lib and moves forward with CDK upgrades.',
      );
    }
  }
}

/**
 * Cloudscape styles some elements inline (style attributes), hence 'unsafe-inline' for styles only; scripts come
 * from this origin alone. The browser fetches tokens from the sign-in origins (oidc-client-ts, PKCE).
 */
function contentSecurityPolicy(signInOrigins: string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ${signInOrigins.join(' ')}`,
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
}

/** Client-side routes (no file extension) get index.html; files and `/v1/*` (another behaviour) pass through. */
function spaRewrite(scope: Construct): cloudfront.Function {
  return new cloudfront.Function(scope, 'SpaRewrite', {
    runtime: cloudfront.FunctionRuntime.JS_2_0,
    comment: 'Serves index.html for client-side routes of the portal',
    code: cloudfront.FunctionCode.fromInline(
      [
        'function handler(event) {',
        '  var request = event.request;',
        "  var last = request.uri.substring(request.uri.lastIndexOf('/') + 1);",
        "  if (last.indexOf('.') === -1) request.uri = '/index.html';",
        '  return request;',
        '}',
      ].join('\n'),
    ),
  });
}
