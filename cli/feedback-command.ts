import { createWriteStream } from 'node:fs';
import { createAwsClients } from '../lib/adapters/aws/clients.ts';
import { DynamoTicketRepository } from '../lib/adapters/aws/dynamo-ticket-repository.ts';
import { recategorisationRows } from '../lib/use-cases/agent-queries.ts';
import { helpText, parseCommandArgs, UsageError } from './args.ts';

const HELP = `Usage: triage feedback export [--out FILE.jsonl] [--table NAME] [--endpoint URL] [--region R]

Writes every recategorisation agents made as a labelled JSONL row
{"id","lang","label","subject","body"}: the customer's first message and the
category an agent chose. Train on it with 'triage train --corpus FILE.jsonl …'.
Reads the tickets table of a running stack (--endpoint or
TRIAGE_DYNAMODB_ENDPOINT, table triage-Tickets by default) or, without an
endpoint, the table in your AWS account.`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { out: { type: 'string' }, table: { type: 'string' }, endpoint: { type: 'string' }, region: { type: 'string' } });
  if (values.help) {
    console.log(helpText(HELP));
    return 0;
  }
  if (positionals[0] !== 'export' || positionals.length > 1) throw new UsageError("the only subcommand is 'export'");
  const endpoint = values.endpoint ?? process.env.TRIAGE_DYNAMODB_ENDPOINT;
  if (endpoint && !/^https?:\/\/[^\s]+$/.test(endpoint)) throw new UsageError(`--endpoint must be an http(s) URL, not '${endpoint}'`);
  const clients = createAwsClients({
    region: values.region ?? process.env.AWS_REGION ?? 'us-east-1',
    ...(endpoint ? { endpoints: { dynamodb: endpoint }, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  const tickets = new DynamoTicketRepository(clients.documents, values.table ?? 'triage-Tickets');
  const out = values.out ? createWriteStream(values.out) : undefined;
  let rows = 0;
  try {
    for await (const row of recategorisationRows({ tickets })) {
      const line = `${JSON.stringify(row)}\n`;
      if (out) out.write(line);
      else process.stdout.write(line);
      rows += 1;
    }
  } finally {
    clients.dynamodb.destroy();
    await new Promise<void>((resolve) => (out ? out.end(resolve) : resolve()));
  }
  if (values.out) console.error(`${rows} row(s) written to ${values.out}`);
  return 0;
}
