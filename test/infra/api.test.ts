import { httpFunctions } from '#functions/manifest';
import { functionLogicalId, resourcesOf, type Synthesized, synthesize } from '#test/infra/synth';

describe('infra: HTTP API', () => {
  let synth: Synthesized;
  beforeAll(() => {
    synth = synthesize();
  });
  afterAll(() => synth.cleanup());

  const routes = () => Object.values(resourcesOf(synth.template, 'AWS::ApiGatewayV2::Route'));
  const integrations = () => resourcesOf(synth.template, 'AWS::ApiGatewayV2::Integration');

  it('serves exactly the route keys of the manifest', () => {
    // Prepare
    const expected = httpFunctions().flatMap((spec) => spec.routes);

    // Act
    const deployed = routes().map((route) => route.Properties.RouteKey);

    // Assess
    expect([...deployed].sort()).toEqual([...expected].sort());
  });

  it('sends every route to the one function of its bounded context', () => {
    for (const spec of httpFunctions()) {
      // Prepare
      const fnId = functionLogicalId(synth.template, spec.name);

      // Act
      const targets = routes()
        .filter((route) => spec.routes.includes(route.Properties.RouteKey as never))
        .map((route) => {
          const integrationId = JSON.stringify(route.Properties.Target).match(/"Ref":"(\w+)"/)?.[1] ?? '';
          return integrations()[integrationId]?.Properties.IntegrationUri;
        });

      // Assess
      expect(targets).toHaveLength(spec.routes.length);
      for (const uri of targets) expect(uri).toEqual({ 'Fn::GetAtt': [fnId, 'Arn'] });
    }
  });

  it('leaves only the manifest publicRoutes open; every other route needs a Cognito JWT', () => {
    // Prepare
    const publicRoutes = new Set(httpFunctions().flatMap((spec) => spec.publicRoutes ?? []));
    const [authorizerId] = Object.keys(resourcesOf(synth.template, 'AWS::ApiGatewayV2::Authorizer'));

    // Act
    const byKey = new Map(routes().map((route) => [route.Properties.RouteKey as string, route.Properties]));

    // Assess
    expect(publicRoutes.size).toBeGreaterThan(0);
    for (const [key, route] of byKey) {
      if (publicRoutes.has(key as never)) {
        expect({ key, type: route.AuthorizationType ?? 'NONE' }).toEqual({ key, type: 'NONE' });
      } else {
        expect({ key, type: route.AuthorizationType, authorizer: route.AuthorizerId }).toEqual({
          key,
          type: 'JWT',
          authorizer: { Ref: authorizerId },
        });
      }
    }
  });

  it('accepts only tokens the user pool issued to the portal client', () => {
    // Act
    const authorizers = Object.values(resourcesOf(synth.template, 'AWS::ApiGatewayV2::Authorizer'));

    // Assess
    expect(authorizers).toHaveLength(1);
    const jwt = authorizers[0]!.Properties.JwtConfiguration as { Issuer: unknown; Audience: unknown[] };
    const poolId = Object.keys(resourcesOf(synth.template, 'AWS::Cognito::UserPool'))[0];
    const clientId = Object.keys(resourcesOf(synth.template, 'AWS::Cognito::UserPoolClient'))[0];
    expect(jwt.Issuer).toEqual({
      'Fn::Join': ['', ['https://cognito-idp.eu-west-1.amazonaws.com/', { Ref: poolId }]],
    });
    expect(jwt.Audience).toEqual([{ Ref: clientId }]);
  });

  it('throttles the default stage and writes JSON access logs carrying the request id', () => {
    // Act
    const stages = Object.values(resourcesOf(synth.template, 'AWS::ApiGatewayV2::Stage'));

    // Assess
    expect(stages).toHaveLength(1);
    const stage = stages[0]!.Properties;
    expect(stage.StageName).toBe('$default');
    expect(stage.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
    const { Format, DestinationArn } = stage.AccessLogSettings as { Format: string; DestinationArn: unknown };
    expect(JSON.parse(Format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    expect(DestinationArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^ApiAccessLogs/), 'Arn'] });
  });

  it('allows the configured browser origins, and none when CORS is switched off', () => {
    // Prepare
    const prod = synthesize({ stage: 'prod' });
    const withOrigin = synthesize({ corsOrigins: 'https://portal.example.com' });

    try {
      // Act
      const cors = (s: Synthesized) =>
        Object.values(resourcesOf(s.template, 'AWS::ApiGatewayV2::Api'))[0]!.Properties.CorsConfiguration;

      // Assess
      expect(cors(prod)).toBeUndefined();
      expect(cors(withOrigin)).toMatchObject({
        AllowOrigins: ['https://portal.example.com'],
        AllowHeaders: expect.arrayContaining(['authorization', 'if-match', 'idempotency-key']) as unknown,
        ExposeHeaders: expect.arrayContaining(['etag']) as unknown,
      });
    } finally {
      prod.cleanup();
      withOrigin.cleanup();
    }
  });
});
