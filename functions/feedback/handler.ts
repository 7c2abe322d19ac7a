import { createAwsClients } from '../../lib/adapters/aws/clients.ts';
import { FeedbackEnvSchema, parseEnv } from '../../lib/config/function-env.ts';
import { createFeedbackHandler } from './create-handler.ts';

// Lambda entry point: validate the environment and build clients once per container.
const env = parseEnv(FeedbackEnvSchema, process.env, 'feedback');
export const handler = createFeedbackHandler(env, createAwsClients({ region: env.AWS_REGION }));
