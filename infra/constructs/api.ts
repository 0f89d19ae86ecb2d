import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { httpFunctions, type RouteKey } from '#functions/manifest';
import { AccordFunction, type FunctionContext } from '#infra/constructs/accord-function';

export interface ApiProps {
  functions: FunctionContext;
  /** Tokens are accepted only when issued to this client. */
  portalClient: cognito.IUserPoolClient;
  corsOrigins: string[];
  throttle: { rateLimit: number; burstLimit: number };
}

/** The HTTP API: every route key of the manifest, wired to the one function of its bounded context. */
export class Api extends Construct {
  readonly httpApi: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly functions: AccordFunction[] = [];

  constructor(scope: Construct, id: string, { functions: context, portalClient, corsOrigins, throttle }: ApiProps) {
    super(scope, id);
    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      apiName: `accord-${context.stage}`,
      // The default stage is built below, with throttling and access logs.
      createDefaultStage: false,
      ...(corsOrigins.length > 0 && {
        corsPreflight: {
          allowOrigins: corsOrigins,
          allowMethods: [apigw.CorsHttpMethod.ANY],
          allowHeaders: ['authorization', 'content-type', 'if-match', 'idempotency-key'],
          exposeHeaders: ['etag', 'location'],
          maxAge: Duration.hours(1),
        },
      }),
    });

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: context.logRetention,
      removalPolicy: context.logRemovalPolicy,
    });
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      autoDeploy: true,
      throttle,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    const authorizer = new HttpJwtAuthorizer(
      'Cognito',
      `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${context.userPool.userPoolId}`,
      { jwtAudience: [portalClient.userPoolClientId] },
    );

    for (const spec of httpFunctions()) {
      const fn = new AccordFunction(this, spec.name, { spec, context });
      // One invoke permission for the whole API instead of one per route: a function's resource policy is
      // capped at 20 KB, and a bounded context keeps gaining routes.
      const integration = new HttpLambdaIntegration(`${spec.name}-integration`, fn.fn, {
        scopePermissionToRoute: false,
      });
      for (const routeKey of spec.routes) {
        const isPublic = spec.publicRoutes?.includes(routeKey) ?? false;
        const route = new apigw.HttpRoute(this, routeKey, {
          httpApi: this.httpApi,
          routeKey: httpRouteKey(routeKey),
          integration,
          ...(!isPublic && { authorizer }),
        });
        if (isPublic) {
          Validations.of(route).acknowledge({
            id: 'AwsSolutions-APIG4',
            reason: `${routeKey} is public by design (manifest publicRoutes: health check, OpenAPI document).`,
          });
        }
      }
      this.functions.push(fn);
    }
  }
}

/** `GET /v1/partners/{partnerId}` as API Gateway's route key. */
function httpRouteKey(routeKey: RouteKey): apigw.HttpRouteKey {
  const space = routeKey.indexOf(' ');
  const method = routeKey.slice(0, space) as keyof typeof apigw.HttpMethod;
  return apigw.HttpRouteKey.with(routeKey.slice(space + 1), apigw.HttpMethod[method]);
}

/** One JSON line per request; requestId is the id a 5xx response's problem+json points operators to. */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  time: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  method: '$context.httpMethod',
  path: '$context.path',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  error: '$context.error.message',
  authorizerError: '$context.authorizer.error',
  sub: '$context.authorizer.claims.sub',
};
