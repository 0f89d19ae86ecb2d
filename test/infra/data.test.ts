import { Match } from 'aws-cdk-lib/assertions';
import { tableSpec } from '#shared/db/table';
import { resourcesOf, type Synthesized, synthesize } from '#test/infra/synth';

describe('infra: data (table, asset bucket, cursor key)', () => {
  let synth: Synthesized;
  beforeAll(() => {
    synth = synthesize();
  });
  afterAll(() => synth.cleanup());

  it('builds the one table from tableSpec: the same keys and indexes DynamoDB Local gets', () => {
    // Prepare
    const expectedIndexes = tableSpec.globalSecondaryIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    }));

    // Act
    const tables = Object.values(resourcesOf(synth.template, 'AWS::DynamoDB::GlobalTable'));

    // Assess
    expect(tables).toHaveLength(1);
    const table = tables[0]!.Properties;
    expect(table.KeySchema).toEqual([
      { AttributeName: tableSpec.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableSpec.sortKey, KeyType: 'RANGE' },
    ]);
    expect(table.GlobalSecondaryIndexes).toEqual(expectedIndexes);
    expect(table.StreamSpecification).toEqual({ StreamViewType: tableSpec.stream });
    expect(table.TimeToLiveSpecification).toEqual({ AttributeName: tableSpec.timeToLiveAttribute, Enabled: true });
  });

  it('keeps the data: on-demand, PITR, deletion protection, and retained when the stack goes', () => {
    // Act
    const table = Object.values(resourcesOf(synth.template, 'AWS::DynamoDB::GlobalTable'))[0]!;

    // Assess
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    // One replica, in the stack's own region: the data stays where it was deployed.
    expect(table.Properties.Replicas).toEqual([
      expect.objectContaining({
        Region: 'eu-west-1',
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    ]);
  });

  it('stores assets encrypted, private, versioned, TLS-only and access-logged', () => {
    // Act
    const buckets = resourcesOf(synth.template, 'AWS::S3::Bucket');
    const assets = Object.values(buckets).find((bucket) => bucket.Properties.LoggingConfiguration);

    // Assess
    expect(assets).toBeDefined();
    expect(assets!.DeletionPolicy).toBe('Retain');
    expect(assets!.Properties).toMatchObject({
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
    });
    // enforceSSL on every bucket: a policy denying requests without TLS.
    const policies = Object.values(resourcesOf(synth.template, 'AWS::S3::BucketPolicy'));
    expect(policies).toHaveLength(Object.keys(buckets).length);
    for (const policy of policies) {
      expect(policy.Properties.PolicyDocument).toMatchObject({
        Statement: expect.arrayContaining([
          expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]) as unknown,
      });
    }
  });

  it('generates a 64-character cursor signing key in Secrets Manager', () => {
    // Assess
    synth.template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ PasswordLength: 64 }),
    });
  });
});
