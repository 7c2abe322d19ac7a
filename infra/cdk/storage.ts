import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { bucket as bucketSpec, table as tableSpec } from '../topology.ts';
import type { DeployConfig } from './deploy-config.ts';

/** Tickets (DynamoDB) and raw mail (S3): encrypted, private, kept when the stack is deleted. */
export class Storage extends Construct {
  readonly table: dynamodb.TableV2;
  readonly rawMail: s3.Bucket;
  readonly accessLogs: s3.Bucket | undefined;

  constructor(scope: Construct, id: string, config: DeployConfig) {
    super(scope, id);
    this.table = new dynamodb.TableV2(this, tableSpec.logicalName, {
      partitionKey: { name: tableSpec.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: tableSpec.sortKey, type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: config.deletionProtection,
      timeToLiveAttribute: tableSpec.ttlAttribute,
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      removalPolicy: RemovalPolicy.RETAIN,
      globalSecondaryIndexes: tableSpec.globalIndexes.map((i) => ({
        indexName: i.indexName,
        partitionKey: { name: i.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: i.sortKey, type: dynamodb.AttributeType.STRING },
        ...projectionOf(i.projection),
      })),
    });

    const accessLogs = config.accessLogs
      ? new s3.Bucket(this, 'AccessLogs', {
          encryption: s3.BucketEncryption.S3_MANAGED,
          blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
          enforceSSL: true,
          objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
          removalPolicy: RemovalPolicy.RETAIN,
          lifecycleRules: [{ expiration: Duration.days(config.rawMailRetentionDays) }],
        })
      : undefined;
    this.accessLogs = accessLogs;
    this.rawMail = new s3.Bucket(this, bucketSpec.logicalName, {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
      ...(accessLogs ? { serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'raw-mail/' } : {}),
      lifecycleRules: [
        { prefix: bucketSpec.inboundPrefix, expiration: Duration.days(config.rawMailRetentionDays) },
        { prefix: bucketSpec.attachmentsPrefix, expiration: Duration.days(config.rawMailRetentionDays) },
      ],
    });
  }
}

/** The index projection the topology describes, in CDK's terms. */
function projectionOf(projection: 'ALL' | 'KEYS_ONLY' | readonly string[]): { projectionType: dynamodb.ProjectionType; nonKeyAttributes?: string[] } {
  if (projection === 'ALL') return { projectionType: dynamodb.ProjectionType.ALL };
  if (projection === 'KEYS_ONLY') return { projectionType: dynamodb.ProjectionType.KEYS_ONLY };
  return { projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: [...projection] };
}
