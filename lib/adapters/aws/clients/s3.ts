import { S3Client } from '@aws-sdk/client-s3';
import { type AwsTarget, baseConfig } from './aws-target.ts';

export function createS3Client(target: AwsTarget): S3Client {
  // Path-style: local S3 has no per-bucket host names.
  return new S3Client({ ...baseConfig(target, 's3'), forcePathStyle: Boolean(target.endpoints?.s3) });
}
