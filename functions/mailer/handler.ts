import { createAwsClients } from '../../lib/adapters/aws/clients.ts';
import { MailerEnvSchema, parseEnv } from '../../lib/config/function-env.ts';
import { createMailerHandler } from './create-handler.ts';

// Lambda entry point: validate the environment and build clients once per container.
const env = parseEnv(MailerEnvSchema, process.env, 'mailer');
export const handler = createMailerHandler(env, createAwsClients({ region: env.AWS_REGION }));
