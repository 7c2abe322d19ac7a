import { createDynamoClients } from '../../lib/adapters/aws/clients/dynamodb.ts';
import { createS3Client } from '../../lib/adapters/aws/clients/s3.ts';
import { createSesClient } from '../../lib/adapters/aws/clients/ses.ts';
import { snsClientOnDemand } from '../../lib/adapters/aws/clients/sns-on-demand.ts';
import { MailerEnvSchema, parseEnv } from '../../lib/config/function-env.ts';
import { createMailerHandler } from './create-handler.ts';

// Lambda entry point: validate the environment and build the clients this function uses, once per container.
const env = parseEnv(MailerEnvSchema, process.env, 'mailer');
const target = { region: env.AWS_REGION };
export const handler = createMailerHandler(env, {
  documents: createDynamoClients(target).documents,
  s3: createS3Client(target),
  ses: createSesClient(target),
  sns: snsClientOnDemand(target),
});
