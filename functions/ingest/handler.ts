import { createAwsClients } from '../../lib/adapters/aws/clients.ts';
import { IngestEnvSchema, parseEnv } from '../../lib/config/function-env.ts';
import { createIngestHandler } from './create-handler.ts';

// Lambda entry point: validate the environment and build clients once per container.
const env = parseEnv(IngestEnvSchema, process.env, 'ingest');
export const handler = createIngestHandler(env, createAwsClients({ region: env.AWS_REGION }));
