import { CreateTableCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, PutBucketEncryptionCommand } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { AwsClients } from '../../lib/adapters/aws/clients.ts';
import { physicalNames, type QueueName, queues, type TopicName, table, topics } from '../topology.ts';

export interface LocalQueue {
  readonly url: string;
  readonly arn: string;
  readonly dlqUrl: string;
  readonly dlqArn: string;
}

export interface LocalResources {
  readonly tableName: string;
  readonly bucket: string;
  readonly queues: Readonly<Record<QueueName, LocalQueue>>;
  readonly topics: Readonly<Record<TopicName, string>>;
}

/** Creates the topology's resources through the real AWS APIs of the local emulators. */
export async function provision(clients: AwsClients, prefix: string): Promise<LocalResources> {
  const names = physicalNames(prefix);

  await clients.dynamodb.send(
    new CreateTableCommand({
      TableName: names.table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: table.partitionKey, AttributeType: 'S' },
        { AttributeName: table.sortKey, AttributeType: 'S' },
        ...table.globalIndexes.flatMap((i) => [
          { AttributeName: i.partitionKey, AttributeType: 'S' as const },
          { AttributeName: i.sortKey, AttributeType: 'S' as const },
        ]),
      ],
      KeySchema: [
        { AttributeName: table.partitionKey, KeyType: 'HASH' },
        { AttributeName: table.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: table.globalIndexes.map((i) => ({
        IndexName: i.indexName,
        KeySchema: [
          { AttributeName: i.partitionKey, KeyType: 'HASH' },
          { AttributeName: i.sortKey, KeyType: 'RANGE' },
        ],
        Projection: typeof i.projection === 'string' ? { ProjectionType: i.projection } : { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...i.projection] },
      })),
    }),
  );
  await clients.dynamodb.send(new UpdateTimeToLiveCommand({ TableName: names.table, TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true } }));

  await clients.s3.send(new CreateBucketCommand({ Bucket: names.bucket }));
  await clients.s3
    .send(
      new PutBucketEncryptionCommand({
        Bucket: names.bucket,
        ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      }),
    )
    .catch(() => undefined); // the emulator may not implement encryption settings; AWS gets them from CDK

  const createdQueues = {} as Record<QueueName, LocalQueue>;
  for (const [name, spec] of Object.entries(queues) as Array<[QueueName, (typeof queues)[QueueName]]>) {
    const dlq = await createQueue(clients, names.deadLetterQueue(name), { MessageRetentionPeriod: String(spec.dlqRetentionDays * 86400) });
    const main = await createQueue(clients, names.queue(name), {
      VisibilityTimeout: String(spec.visibilityTimeoutSeconds),
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: spec.maxReceiveCount }),
    });
    createdQueues[name] = { url: main.url, arn: main.arn, dlqUrl: dlq.url, dlqArn: dlq.arn };
  }

  const createdTopics = {} as Record<TopicName, string>;
  for (const [name, spec] of Object.entries(topics) as Array<[TopicName, (typeof topics)[TopicName]]>) {
    const { TopicArn } = await clients.sns.send(new CreateTopicCommand({ Name: names.topic(name) }));
    if (!TopicArn) throw new Error(`CreateTopic ${name} returned no ARN`);
    for (const queue of spec.queueSubscribers) {
      await clients.sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: createdQueues[queue].arn }));
    }
    createdTopics[name] = TopicArn;
  }

  return { tableName: names.table, bucket: names.bucket, queues: createdQueues, topics: createdTopics };
}

async function createQueue(clients: AwsClients, name: string, attributes: Record<string, string>) {
  const { QueueUrl } = await clients.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  if (!QueueUrl) throw new Error(`CreateQueue ${name} returned no URL`);
  const { Attributes } = await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  const arn = Attributes?.QueueArn;
  if (!arn) throw new Error(`Queue ${name} has no ARN`);
  return { url: QueueUrl, arn };
}
