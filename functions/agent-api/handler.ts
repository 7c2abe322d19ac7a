import { handle } from 'hono/aws-lambda';
import { createAwsClients } from '../../lib/adapters/aws/clients.ts';
import { AgentApiEnvSchema, parseEnv } from '../../lib/config/function-env.ts';
import { createAgentApiApp } from './create-app.ts';

// Lambda entry point behind the HTTP API: validate the environment and build clients once per container.
const env = parseEnv(AgentApiEnvSchema, process.env, 'agent-api');
export const handler = handle(createAgentApiApp(env, createAwsClients({ region: env.AWS_REGION })));
