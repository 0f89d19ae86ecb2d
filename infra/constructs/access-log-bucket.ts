import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/**
 * A bucket that receives other buckets' (and CloudFront's) access logs: private, SSL only, SSE-S3 (server access
 * log delivery does not support SSE-KMS), kept a year, retained with the stack's data.
 */
export function accessLogBucket(
  scope: Construct,
  id: string,
  options: { receives: string; cloudFrontLogs?: boolean },
): s3.Bucket {
  const bucket = new s3.Bucket(scope, id, {
    encryption: s3.BucketEncryption.S3_MANAGED,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    // CloudFront standard logging writes with ACLs; the bucket owner still owns every object.
    objectOwnership: options.cloudFrontLogs
      ? s3.ObjectOwnership.BUCKET_OWNER_PREFERRED
      : s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    removalPolicy: RemovalPolicy.RETAIN,
    lifecycleRules: [{ expiration: Duration.days(365) }],
  });
  Validations.of(bucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason: `This bucket receives ${options.receives}; logging it into itself would loop.`,
  });
  return bucket;
}
