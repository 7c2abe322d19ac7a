import { createDynamoClients } from '../../lib/adapters/aws/clients/dynamodb.ts';
import { createSqsClient } from '../../lib/adapters/aws/clients/sqs.ts';
import { parseEnv, SlaEnvSchema } from '../../lib/config/function-env.ts';
import { createSlaHandler } from './create-handler.ts';

// Lambda entry point: validate the environment and build the clients this function uses, once per container.
const env = parseEnv(SlaEnvSchema, process.env, 'sla');
const target = { region: env.AWS_REGION };
export const handler = createSlaHandler(env, { documents: createDynamoClients(target).documents, sqs: createSqsClient(target) });
