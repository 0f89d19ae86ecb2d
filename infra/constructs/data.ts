import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { accessLogBucket } from '#infra/constructs/access-log-bucket';
import { tableSpec } from '#shared/db/table';

export interface DataProps {
  stage: string;
}

/** The stateful resources: the table, the asset bucket and the key that signs list cursors. */
export class Data extends Construct {
  readonly table: dynamodb.TableV2;
  readonly assetBucket: s3.Bucket;
  readonly cursorSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, { stage }: DataProps) {
    super(scope, id);
    this.table = accordTable(this, stage);

    const accessLogs = accessLogBucket(this, 'AccessLogs', { receives: 'the asset bucket access logs' });

    this.assetBucket = new s3.Bucket(this, 'Assets', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'assets/',
      removalPolicy: RemovalPolicy.RETAIN,
      // Versioning protects against overwrites and deletes; old versions need not be kept forever.
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
    });

    this.cursorSecret = new secretsmanager.Secret(this, 'CursorSecret', {
      description: 'HMAC key that signs list cursors, so a cursor can never open another partition',
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
    });
    Validations.of(this.cursorSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'An HMAC key for opaque page tokens, not a credential: rotating it turns every cursor in flight into a 400 ' +
        'mid-pagination (functions cache the key per container). Rotate by hand, by putting a new secret value.',
    });
  }
}

/** The table as tableSpec describes it; the local runtime builds DynamoDB Local's table from the same spec. */
function accordTable(scope: Construct, stage: string): dynamodb.TableV2 {
  const key = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });
  // TableV2 (a single-region global table): one table per region by design (data residency), and its stream
  // grant is scoped to the stream ARN where the older Table grants dynamodb:ListStreams on "*".
  return new dynamodb.TableV2(scope, 'Table', {
    tableName: `accord-${stage}`,
    partitionKey: key(tableSpec.partitionKey),
    sortKey: key(tableSpec.sortKey),
    globalSecondaryIndexes: tableSpec.globalSecondaryIndexes.map((index) => ({
      indexName: index.indexName,
      partitionKey: key(index.partitionKey),
      sortKey: key(index.sortKey),
      projectionType: dynamodb.ProjectionType.ALL,
    })),
    billing: dynamodb.Billing.onDemand(),
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
    dynamoStream: dynamodb.StreamViewType[tableSpec.stream],
    timeToLiveAttribute: tableSpec.timeToLiveAttribute,
  });
}
