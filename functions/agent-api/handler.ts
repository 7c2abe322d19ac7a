import { handle } from 'hono/aws-lambda';
import { createDynamoClients } from '../../lib/adapters/aws/clients/dynamodb.ts';
import { createS3Client } from '../../lib/adapters/aws/clients/s3.ts';
import { createSqsClient } from '../../lib/adapters/aws/clients/sqs.ts';
import { AgentApiEnvSchema, parseEnv } from '../../lib/config/function-env.ts';
import { createAgentApiApp } from './create-app.ts';

// Lambda entry point behind the HTTP API: validate the environment and build the clients it uses, once per container.
const env = parseEnv(AgentApiEnvSchema, process.env, 'agent-api');
const target = { region: env.AWS_REGION };
export const handler = handle(createAgentApiApp(env, { documents: createDynamoClients(target).documents, s3: createS3Client(target), sqs: createSqsClient(target) }));
