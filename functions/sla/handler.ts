import { createAwsClients } from '../../lib/adapters/aws/clients.ts';
import { parseEnv, SlaEnvSchema } from '../../lib/config/function-env.ts';
import { createSlaHandler } from './create-handler.ts';

// Lambda entry point: validate the environment and build clients once per container.
const env = parseEnv(SlaEnvSchema, process.env, 'sla');
export const handler = createSlaHandler(env, createAwsClients({ region: env.AWS_REGION }));
