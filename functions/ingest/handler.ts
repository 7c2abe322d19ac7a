import { bedrockClientOnDemand } from '../../lib/adapters/aws/clients/bedrock.ts';
import { createDynamoClients } from '../../lib/adapters/aws/clients/dynamodb.ts';
import { createS3Client } from '../../lib/adapters/aws/clients/s3.ts';
import { snsClientOnDemand } from '../../lib/adapters/aws/clients/sns-on-demand.ts';
import { createSqsClient } from '../../lib/adapters/aws/clients/sqs.ts';
import { IngestEnvSchema, parseEnv } from '../../lib/config/function-env.ts';
import { createIngestHandler } from './create-handler.ts';

// Lambda entry point: validate the environment and build the clients this function uses, once per container.
const env = parseEnv(IngestEnvSchema, process.env, 'ingest');
const target = { region: env.AWS_REGION };
export const handler = createIngestHandler(env, {
  documents: createDynamoClients(target).documents,
  s3: createS3Client(target),
  sqs: createSqsClient(target),
  sns: snsClientOnDemand(target),
  bedrock: bedrockClientOnDemand(target),
});
