import { functions } from '#functions/manifest';
import { TABLE_WRITE_ACTIONS, USER_POOL_ADMIN_ACTIONS } from '#infra/constructs/accord-function';
import {
  actionsOf,
  functionLogicalId,
  resourcesOf,
  statementsOf,
  type Synthesized,
  synthesize,
} from '#test/infra/synth';

describe('infra: functions and their least-privilege grants', () => {
  let synth: Synthesized;
  beforeAll(() => {
    synth = synthesize();
  });
  afterAll(() => synth.cleanup());

  const propertiesOf = (name: string) =>
    resourcesOf(synth.template, 'AWS::Lambda::Function')[functionLogicalId(synth.template, name)]!.Properties;

  it('deploys one function per manifest entry, on Node.js 24, arm64, traced, logging JSON', () => {
    // Prepare
    const manifestNames = functions.map((spec) => `accord-dev-${spec.name}`);

    // Act
    const deployed = Object.values(resourcesOf(synth.template, 'AWS::Lambda::Function'));
    const others = deployed.filter((fn) => !manifestNames.includes(fn.Properties.FunctionName as string));

    // Assess: besides the manifest, only CDK's BucketDeployment handler, which uploads the portal at deploy time.
    expect(deployed).toHaveLength(functions.length + 1);
    expect(others.map((fn) => fn.Properties.Layers)).toEqual([
      [{ Ref: expect.stringMatching(/^PortalEntryAwsCliLayer/) as unknown }],
    ]);
    for (const spec of functions) {
      expect({ name: spec.name, ...propertiesOf(spec.name) }).toMatchObject({
        name: spec.name,
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: expect.any(String) as unknown } },
      });
    }
  });

  it('keeps every log group for the configured retention', () => {
    // Act
    const retention = Object.values(resourcesOf(synth.template, 'AWS::Logs::LogGroup')).map(
      (group) => group.Properties.RetentionInDays,
    );

    // Assess: one per function plus the API access logs and the portal deployment handler's, two weeks in dev.
    expect(retention).toEqual(new Array(functions.length + 2).fill(14));
  });

  it('sets the base environment everywhere, and a resource variable only where the manifest grants it', () => {
    for (const spec of functions) {
      // Act
      const env = (propertiesOf(spec.name).Environment as { Variables: Record<string, unknown> }).Variables;

      // Assess
      expect(env).toMatchObject({
        TABLE_NAME: expect.anything() as unknown,
        STAGE: 'dev',
        POWERTOOLS_SERVICE_NAME: spec.name,
        POWERTOOLS_LOG_LEVEL: 'DEBUG',
        NODE_OPTIONS: '--enable-source-maps',
      });
      expect({ name: spec.name, bus: 'EVENT_BUS_NAME' in env }).toEqual({ name: spec.name, bus: !!spec.access.bus });
      expect({ name: spec.name, pool: 'USER_POOL_ID' in env }).toEqual({
        name: spec.name,
        pool: !!spec.access.userPool,
      });
      expect({ name: spec.name, secret: 'CURSOR_SECRET_ARN' in env }).toEqual({
        name: spec.name,
        secret: !!spec.access.cursorSecret,
      });
    }
  });

  it('gives platform-api read-only table access and partners-api no way to publish events', () => {
    // Act
    const platform = actionsOf(synth.template, 'platform-api');
    const partners = actionsOf(synth.template, 'partners-api');

    // Assess
    expect(platform).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
    for (const write of TABLE_WRITE_ACTIONS) expect(platform).not.toContain(write);
    expect(partners).toEqual(expect.arrayContaining(TABLE_WRITE_ACTIONS));
    expect(partners).not.toContain('events:PutEvents');
  });

  it('grants each access of the manifest to exactly the functions that declare it', () => {
    for (const { name, access } of functions) {
      // Act
      const actions = actionsOf(synth.template, name);
      const has = (action: string) => actions.includes(action);

      // Assess
      expect({ name, read: has('dynamodb:Query') }).toEqual({ name, read: access.table !== undefined });
      expect({ name, write: has('dynamodb:PutItem') }).toEqual({ name, write: access.table === 'readWrite' });
      expect({ name, stream: has('dynamodb:GetRecords') }).toEqual({ name, stream: !!access.tableStream });
      expect({ name, putEvents: has('events:PutEvents') }).toEqual({ name, putEvents: !!access.bus });
      expect({ name, cognito: actions.filter((a) => a.startsWith('cognito-idp:')).sort() }).toEqual({
        name,
        cognito: access.userPool ? [...USER_POOL_ADMIN_ACTIONS].sort() : [],
      });
      expect({ name, secret: has('secretsmanager:GetSecretValue') }).toEqual({ name, secret: !!access.cursorSecret });
      // The request path never scans, and nobody gets a service-wide wildcard.
      expect(actions.filter((a) => a === 'dynamodb:Scan' || a.endsWith(':*'))).toEqual([]);
    }
  });

  it('scopes table grants to the table and its named indexes, never index/*', () => {
    for (const { name, access } of functions.filter((spec) => spec.access.table)) {
      // Act
      const tableStatements = statementsOf(synth.template, name).filter((s) =>
        [s.Action].flat().includes('dynamodb:Query'),
      );

      // Assess
      expect({ name, access: access.table, resources: JSON.stringify(tableStatements.map((s) => s.Resource)) }).toEqual(
        { name, access: access.table, resources: expect.stringMatching(/\/index\/GSI1.*\/index\/GSI2/) as unknown },
      );
      expect(JSON.stringify(tableStatements)).not.toContain('/index/*');
    }
  });

  it('lets the user pool functions act on that one pool only', () => {
    // Prepare
    const poolId = Object.keys(resourcesOf(synth.template, 'AWS::Cognito::UserPool'))[0];

    for (const { name } of functions.filter((spec) => spec.access.userPool)) {
      // Act
      const cognito = statementsOf(synth.template, name).filter((s) =>
        [s.Action].flat().some((a) => a.startsWith('cognito-idp:')),
      );

      // Assess
      expect(cognito.map((s) => s.Resource)).toEqual([{ 'Fn::GetAtt': [poolId, 'Arn'] }]);
    }
  });
});
