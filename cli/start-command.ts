import { ensureConsoleBuilt, serveConsole } from '../infra/local/console-server.ts';
import { LOCAL_USERS } from '../infra/local/local-identity.ts';
import { LocalStack } from '../infra/local/local-stack.ts';
import { announceLocalStack, forgetLocalStack } from './agent-session.ts';
import { parseCommandArgs } from './args.ts';
import { readSlaConfigFile } from './load-sla-config.ts';

const HELP = `Usage: triage start [--sla-config FILE] [--templates DIR]

Starts the local stack and keeps it running until Ctrl-C: send mail to the
SMTP port (any client, e.g. swaks or a script) and watch replies arrive in the
SES mail viewer. Prints the endpoints.

Options:
  --sla-config FILE   SLA policies and business calendar (JSON; see README "SLA")
  --templates DIR     template overrides (NAME/LOCALE/PART.hbs; see README "Replies")`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, { 'sla-config': { type: 'string' }, templates: { type: 'string' } });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const slaConfig = await readSlaConfigFile(values['sla-config']);
  const stack = await LocalStack.start({ ...(slaConfig ? { slaConfig } : {}), ...(values.templates ? { templateDir: values.templates } : {}) });
  stack.startPolling((error) => console.error(`poller: ${(error as Error).message}`));
  await announceLocalStack({ apiUrl: stack.api.url, identityUrl: stack.identity.url });
  const agentConsole = await serveConsole({ apiUrl: stack.api.url, identityUrl: stack.identity.url }, await ensureConsoleBuilt());
  const users = LOCAL_USERS.map((u) => `${u.username} / ${u.password}${u.groups.includes('supervisor') ? ' (supervisor)' : ''}`).join(', ');
  console.log(`Inbox Triage local stack is running.
  SMTP (receiving):   ${stack.smtp.host}:${stack.smtp.port}  — mail to any address @example.com
  SES mail viewer:    ${stack.sesViewerUrl}
  DynamoDB:           ${stack.endpoints.dynamodb}  (table ${stack.resources.tableName})
  SQS / SNS / S3:     ${stack.endpoints.sqs}  (bucket ${stack.resources.bucket})
  Agent console:      ${agentConsole.url}/   (sign in as one of the users below)
  Agent API:          ${stack.api.url}   (reference: ${stack.api.url}/docs, OpenAPI: ${stack.api.url}/openapi.json)
  Sign-in:            ${stack.identity.url}   users: ${users}
SLA attainment:     TRIAGE_DYNAMODB_ENDPOINT=${stack.endpoints.dynamodb} npx triage sla report
Agents:             npx triage login agent1 --password agent1-local && npx triage queues
Dead letters:       TRIAGE_SQS_ENDPOINT=${stack.endpoints.sqs} TRIAGE_DYNAMODB_ENDPOINT=${stack.endpoints.dynamodb} npx triage dlq list
Press Ctrl-C to stop.`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  console.log('Stopping…');
  await forgetLocalStack();
  await agentConsole.stop();
  await stack.stop();
  return 0;
}
