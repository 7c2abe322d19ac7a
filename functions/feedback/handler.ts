import { createDynamoClients } from '../../lib/adapters/aws/clients/dynamodb.ts';
import { FeedbackEnvSchema, parseEnv } from '../../lib/config/function-env.ts';
import { createFeedbackHandler } from './create-handler.ts';

// Lambda entry point: validate the environment and build the clients this function uses, once per container.
const env = parseEnv(FeedbackEnvSchema, process.env, 'feedback');
const target = { region: env.AWS_REGION };
export const handler = createFeedbackHandler(env, { documents: createDynamoClients(target).documents });
