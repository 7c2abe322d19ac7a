import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../infra/local/local-credentials.ts';
import { LOCAL_USERS } from '../infra/local/local-identity.ts';
import type { LocalStack } from '../infra/local/local-stack.ts';
import type { LocalEvent } from '../infra/local/progress.ts';
import { helpText, parseCommandArgs } from './args.ts';
import { loadLocalStack, localStackSettings, serveUntilStopped } from './local-session.ts';
import { printable } from './terminal-text.ts';

const HELP = `Usage: triage start [--quiet] [--sla-config FILE] [--templates DIR]

Starts the local stack and keeps it running until Ctrl-C: send mail to the
SMTP port (the printed curl command sends a sample) and watch replies arrive
in the SES mail viewer. Prints the endpoints and ready-to-paste commands, then
one line per message received, per mail sent and per alert to supervisors.
Settings (addresses, team name, time zone, languages, SLA) come from
cdk.json, context "inboxTriage", as for 'cdk deploy'.

Options:
  -q, --quiet         no progress while starting (none is shown when standard error is not a terminal)
  --sla-config FILE   SLA policies and business calendar (JSON; see README "SLA"), instead of cdk.json's
  --templates DIR     template overrides (NAME/LOCALE/PART.hbs; see README "Replies")
  -h, --help          show this help`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, { quiet: { type: 'boolean', short: 'q' }, 'sla-config': { type: 'string' }, templates: { type: 'string' } });
  if (values.help) {
    console.log(helpText(HELP));
    return 0;
  }
  const { options, progress } = await localStackSettings(values);
  const { LocalStack } = await loadLocalStack(progress);
  const stack = await LocalStack.start({ ...options, onEvent: (event) => console.log(eventLine(event)) });
  await serveUntilStopped(stack, progress, (consoleUrl) => console.log(banner(stack, options.supportAddresses?.[0] ?? 'support@example.com', consoleUrl)));
  console.log('Stopping…');
  await stack.stop();
  return 0;
}

/** What the stack is and how to use it, with every command ready to paste into another terminal. */
export function banner(stack: Pick<LocalStack, 'smtp' | 'sesViewerUrl' | 'endpoints' | 'resources' | 'api' | 'identity'>, supportAddress: string, consoleUrl?: string): string {
  const users = LOCAL_USERS.map((u) => `${u.username} / ${u.password}${u.groups.includes('supervisor') ? ' (supervisor)' : ''}`).join(', ');
  const { dynamodb, sqs } = stack.endpoints;
  const table = stack.resources.tableName;
  const credentials = `AWS_ACCESS_KEY_ID=${LOCAL_CREDENTIALS.accessKeyId} AWS_SECRET_ACCESS_KEY=${LOCAL_CREDENTIALS.secretAccessKey} AWS_REGION=${LOCAL_REGION} AWS_DEFAULT_REGION=${LOCAL_REGION}`;
  return `Inbox Triage local stack is running.
  SMTP (receiving):   ${stack.smtp.host}:${stack.smtp.port}  (mail to ${supportAddress})
  SES mail viewer:    ${stack.sesViewerUrl}
  DynamoDB:           ${dynamodb}  (table ${table})
  SQS / SNS / S3:     ${sqs}  (bucket ${stack.resources.bucket})${consoleUrl ? `\n  Agent console:      ${consoleUrl}/   (sign in as one of the users below)` : ''}
  Agent API:          ${stack.api.url}   (reference: ${stack.api.url}/docs, OpenAPI: ${stack.api.url}/openapi.json)
  Sign-in:            ${stack.identity.url}   users: ${users}

In another terminal (the emulators accept any credentials; these are the ones the stack uses):
  export ${credentials} TRIAGE_DYNAMODB_ENDPOINT=${dynamodb} TRIAGE_SQS_ENDPOINT=${sqs}
  curl -sS smtp://${stack.smtp.host}:${stack.smtp.port} --mail-from maria.lopez@example.net --mail-rcpt ${supportAddress} --upload-file samples/mailbox/01-routine-opening-hours.eml
  npx triage login agent1 --password agent1-local && npx triage queues
  npx triage sla report
  npx triage dlq list
  aws dynamodb scan --endpoint-url ${dynamodb} --table-name ${table} --max-items 5
Press Ctrl-C to stop. Mail, replies and alerts are logged below.`;
}

/** One line per thing that happened, customer text made safe for a terminal. */
export function eventLine(event: LocalEvent): string {
  const time = event.at.toISOString().slice(11, 19);
  switch (event.kind) {
    case 'received':
      return `${time}  ← mail   from ${printable(event.from || '(no sender)')} to ${printable(event.to.join(', '))}  “${printable(event.subject)}”`;
    case 'sent':
      return `${time}  → sent   to ${printable(event.to.join(', '))}  “${printable(event.subject)}”`;
    case 'alert':
      return `${time}  ! alert  ${printable(event.subject)}`;
  }
}
