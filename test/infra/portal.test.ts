import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { referencedId, resourcesOf, type Synthesized, synthesize } from '#test/infra/synth';

/** CloudFront's managed policies, by the ids AWS publishes for them. */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

interface Behavior {
  PathPattern?: string;
  TargetOriginId: string;
  ViewerProtocolPolicy: string;
  AllowedMethods?: string[];
  CachePolicyId: string;
  OriginRequestPolicyId?: string;
  ResponseHeadersPolicyId: unknown;
  FunctionAssociations?: { EventType: string; FunctionARN: unknown }[];
}
interface Origin {
  Id: string;
  DomainName: unknown;
  OriginAccessControlId?: unknown;
  S3OriginConfig?: { OriginAccessIdentity: string };
  CustomOriginConfig?: { OriginProtocolPolicy: string };
}
interface SecurityHeaders extends Record<string, unknown> {
  ContentSecurityPolicy: { ContentSecurityPolicy: unknown };
}
interface PortalSettings {
  apiBase: string;
  stage: string;
  region: string;
  cognito: Record<string, unknown>;
}
interface DistributionConfig {
  DefaultCacheBehavior: Behavior;
  CacheBehaviors: Behavior[];
  Origins: Origin[];
  DefaultRootObject: string;
  Logging?: unknown;
}

describe('infra: portal hosting and sign-in', () => {
  let synth: Synthesized;
  beforeAll(() => {
    synth = synthesize();
  });
  afterAll(() => synth.cleanup());

  const only = (type: string) => {
    const found = Object.entries(resourcesOf(synth.template, type));
    expect(found.map(([id]) => id)).toHaveLength(1);
    return found[0]!;
  };
  const distribution = () =>
    only('AWS::CloudFront::Distribution')[1].Properties.DistributionConfig as DistributionConfig;
  const siteBucketId = () =>
    Object.keys(resourcesOf(synth.template, 'AWS::S3::Bucket')).find((id) => id.startsWith('PortalSite'))!;
  const client = () => only('AWS::Cognito::UserPoolClient');

  it('keeps the site bucket private: every public access blocked, encrypted, TLS only, access logged', () => {
    // Act
    const bucket = resourcesOf(synth.template, 'AWS::S3::Bucket')[siteBucketId()]!.Properties;

    // Assess
    expect(bucket).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: {} }] },
      LoggingConfiguration: { LogFilePrefix: 'site/' },
    });
  });

  it('lets only this distribution read the bucket, through origin access control', () => {
    // Prepare
    const [distributionId] = only('AWS::CloudFront::Distribution');
    const [oacId, oac] = only('AWS::CloudFront::OriginAccessControl');
    const policy = Object.values(resourcesOf(synth.template, 'AWS::S3::BucketPolicy')).find(
      (p) => referencedId(p.Properties.Bucket) === siteBucketId(),
    )!;
    const statements = (policy.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement;

    // Act
    const allows = statements.filter((s) => s.Effect === 'Allow');
    const s3Origin = distribution().Origins.find((o) => o.S3OriginConfig)!;

    // Assess
    expect(allows).toEqual([
      expect.objectContaining({
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() as unknown } },
      }),
    ]);
    expect(JSON.stringify(allows[0]!.Condition)).toContain(distributionId);
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    expect(oac.Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    expect(s3Origin).toMatchObject({
      OriginAccessControlId: { 'Fn::GetAtt': [oacId, 'Id'] },
      S3OriginConfig: { OriginAccessIdentity: '' },
    });
  });

  it('redirects every path to HTTPS and puts the security headers on every response', () => {
    // Prepare
    const [policyId, policy] = only('AWS::CloudFront::ResponseHeadersPolicy');
    const behaviors = [distribution().DefaultCacheBehavior, ...distribution().CacheBehaviors];

    // Act
    const headers = (policy.Properties.ResponseHeadersPolicyConfig as { SecurityHeadersConfig: SecurityHeaders })
      .SecurityHeadersConfig;
    const csp = headers.ContentSecurityPolicy.ContentSecurityPolicy;

    // Assess
    for (const behavior of behaviors) {
      expect(behavior.ViewerProtocolPolicy).toBe('redirect-to-https');
      expect(behavior.ResponseHeadersPolicyId).toEqual({ Ref: policyId });
    }
    expect(headers).toMatchObject({
      StrictTransportSecurity: { AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY' },
      ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin' },
    });
    // The account id makes the managed login host a deploy-time value, so the policy is a join.
    const text = JSON.stringify(csp);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self';",
      "frame-ancestors 'none'",
      "object-src 'none'",
      '.auth.eu-west-1.amazoncognito.com https://cognito-idp.eu-west-1.amazonaws.com',
    ]) {
      expect(text).toContain(directive);
    }
    expect(text).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('sends /v1/* to the stage API uncached, with every method and every viewer header but Host', () => {
    // Prepare
    const [apiId] = only('AWS::ApiGatewayV2::Api');

    // Act
    const api = distribution().CacheBehaviors.find((b) => b.PathPattern === '/v1/*')!;
    const origin = distribution().Origins.find((o) => o.Id === api.TargetOriginId)!;

    // Assess
    expect(api).toMatchObject({
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      CachePolicyId: CACHING_DISABLED,
      OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
    });
    // No SPA rewrite here: the API's own 404s and 403s reach the browser untouched.
    expect(api.FunctionAssociations).toBeUndefined();
    expect(JSON.stringify(origin.DomainName)).toContain(apiId);
    expect(JSON.stringify(origin.DomainName)).toContain('.execute-api.eu-west-1.');
    expect(origin.CustomOriginConfig?.OriginProtocolPolicy).toBe('https-only');
  });

  it('serves index.html for client-side routes, and files and API paths as they are', () => {
    // Prepare
    const [functionId, fn] = only('AWS::CloudFront::Function');
    // The function's own code, run in a fresh context as CloudFront would run it.
    const handler = runInNewContext(`${fn.Properties.FunctionCode as string}; handler`) as (event: {
      request: { uri: string };
    }) => { uri: string };
    const rewrite = (uri: string) => handler({ request: { uri } }).uri;

    // Act
    const association = distribution().DefaultCacheBehavior.FunctionAssociations;

    // Assess
    expect(association).toEqual([
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [functionId, 'FunctionARN'] } },
    ]);
    expect(distribution().DefaultRootObject).toBe('index.html');
    expect(distribution().Logging).toMatchObject({ Prefix: 'distribution/' });
    expect(rewrite('/partners/p-123/agreements')).toBe('/index.html');
    expect(rewrite('/')).toBe('/index.html');
    expect(rewrite('/assets/index-3f9a2c.js')).toBe('/assets/index-3f9a2c.js');
    expect(rewrite('/config.json')).toBe('/config.json');
  });

  it('writes /config.json at deploy time with the API base, managed login, client id, region and stage', () => {
    // Prepare
    const [clientId] = client();
    const entry = Object.entries(resourcesOf(synth.template, 'Custom::CDKBucketDeployment')).find(([id]) =>
      id.startsWith('PortalEntry'),
    )![1].Properties;
    const [hash] = (entry.SourceObjectKeys as string[])[0]!.split('.');
    const markers = (entry.SourceMarkers as Record<string, unknown>[])[0]!;

    // Act: the staged file holds markers that the deployment replaces with the deployed values.
    const staged = readFileSync(join(synth.app.outdir, `asset.${hash}`, 'config.json'), 'utf8');
    const resolved = JSON.parse(staged, (_key, value: unknown) => {
      if (typeof value !== 'string') return value;
      if (value in markers) return markers[value];
      return value.replace(/<<marker:0xbaba:\d+>>/g, (marker) => JSON.stringify(markers[marker]));
    }) as PortalSettings;

    // Assess
    expect(resolved).toMatchObject({ apiBase: '/v1', stage: 'dev', region: 'eu-west-1' });
    expect(resolved.cognito.clientId).toEqual({ Ref: clientId });
    expect(resolved.cognito.scopes).toBe('openid email profile');
    expect(JSON.stringify(resolved.cognito.domain)).toMatch(/https:\/\/accord-dev-eu-west-1-.*AWS::AccountId/);
    expect(JSON.stringify(resolved.cognito.redirectUri)).toContain('PortalDistribution');
    expect(entry.Prune).toBe(false);
  });

  it('signs people in through managed login with code + PKCE and no secret, returning to the portal', () => {
    // Prepare
    const [clientId, appClient] = client();

    // Act
    const props = appClient.Properties;
    const authorizer = only('AWS::ApiGatewayV2::Authorizer')[1].Properties;

    // Assess
    expect(props).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
    });
    for (const urls of [props.CallbackURLs, props.LogoutURLs] as unknown[][]) {
      expect(urls).toHaveLength(2);
      expect(JSON.stringify(urls[0])).toMatch(/https:\/\/.*PortalDistribution\w+","DomainName".*"\/"/);
      expect(urls[1]).toBe('http://localhost:3000/');
    }
    expect(authorizer.JwtConfiguration).toMatchObject({ Audience: [{ Ref: clientId }] });
    synth.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { ManagedLoginVersion: 2 });
    synth.template.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
      ClientId: { Ref: clientId },
      UseCognitoProvidedValues: true,
    });
  });

  it('links invitation e-mails to the portal and outputs the portal URL', () => {
    // Act
    const pool = only('AWS::Cognito::UserPool')[1].Properties;
    const invitation = (pool.AdminCreateUserConfig as { InviteMessageTemplate: Record<string, unknown> })
      .InviteMessageTemplate;
    const outputs = synth.template.toJSON() as { Outputs: Record<string, { Value: unknown }> };

    // Assess
    expect(JSON.stringify(invitation.EmailMessage)).toMatch(/Sign in at https:\/\/.*PortalDistribution.*\{####\}/);
    expect(JSON.stringify(outputs.Outputs.PortalUrl?.Value)).toMatch(/https:\/\/.*PortalDistribution\w+","DomainName"/);
  });

  it('never lets a prod sign-in return to localhost', () => {
    // Prepare
    const prod = synthesize({ stage: 'prod' });

    try {
      // Act
      const props = Object.values(resourcesOf(prod.template, 'AWS::Cognito::UserPoolClient'))[0]!.Properties;

      // Assess
      expect(JSON.stringify([props.CallbackURLs, props.LogoutURLs])).not.toContain('localhost');
      expect(props.CallbackURLs).toHaveLength(1);
    } finally {
      prod.cleanup();
    }
  });

  it('uploads a portal build: hashed assets cached for a year, index.html and config.json revalidated', () => {
    // Prepare
    const build = mkdtempSync(join(tmpdir(), 'accord-portal-build-'));
    mkdirSync(join(build, 'assets'));
    writeFileSync(
      join(build, 'index.html'),
      '<!doctype html><script type="module" src="/assets/app-1a2b.js"></script>',
    );
    writeFileSync(join(build, 'assets', 'app-1a2b.js'), 'console.log(1)');
    const built = synthesize({}, { portalBuildDir: build });

    try {
      // Act
      const deployments = Object.entries(resourcesOf(built.template, 'Custom::CDKBucketDeployment'));
      const props = (prefix: string) => deployments.find(([id]) => id.startsWith(prefix))![1].Properties;

      // Assess
      expect(deployments).toHaveLength(2);
      expect(props('PortalAssets')).toMatchObject({
        SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
        Exclude: ['index.html', 'config.json'],
      });
      expect(props('PortalEntry')).toMatchObject({ SystemMetadata: { 'cache-control': 'no-cache' }, Prune: false });
      const entryAssets = (props('PortalEntry').SourceObjectKeys as string[]).map((key) =>
        readdirSync(join(built.app.outdir, `asset.${key.split('.')[0]!}`)),
      );
      expect(entryAssets.sort()).toEqual([['config.json'], ['index.html']]);
      const assetFiles = (props('PortalAssets').SourceObjectKeys as string[]).map((key) =>
        readdirSync(join(built.app.outdir, `asset.${key.split('.')[0]!}`)),
      );
      expect(assetFiles).toEqual([['assets']]);
    } finally {
      built.cleanup();
      rmSync(build, { recursive: true, force: true });
    }
  });
});
