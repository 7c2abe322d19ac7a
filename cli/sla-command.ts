import { createAwsClients } from '../lib/adapters/aws/clients.ts';
import { DynamoTicketRepository } from '../lib/adapters/aws/dynamo-ticket-repository.ts';
import { systemClock } from '../lib/domain/ports.ts';
import { slaReport } from '../lib/use-cases/agent-queries.ts';
import { helpText, parseCommandArgs, UsageError, unknownSubcommand } from './args.ts';

const HELP = `Usage: triage sla report [--table NAME] [--endpoint URL] [--region R] [--json]

SLA attainment per queue: responses met and breached, answers owed that are
past the warning point (supervisors were warned; 'triage queues' counts as
"at risk" what is due within the hour) or overdue. Reads the tickets table of a
running stack: by default the one 'npm start' prints (table triage-Tickets at
the DynamoDB endpoint given with --endpoint or TRIAGE_DYNAMODB_ENDPOINT); without
an endpoint it reads the table in your AWS account with your AWS credentials.`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    table: { type: 'string' },
    endpoint: { type: 'string' },
    region: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    console.log(helpText(HELP));
    return 0;
  }
  if (positionals[0] !== 'report' || positionals.length > 1) throw unknownSubcommand(positionals[0], ['report'], "the only subcommand is 'report'");
  const endpoint = values.endpoint ?? process.env.TRIAGE_DYNAMODB_ENDPOINT;
  if (endpoint && !/^https?:\/\/[^\s]+$/.test(endpoint)) throw new UsageError(`--endpoint must be an http(s) URL, not '${endpoint}'`);
  const clients = createAwsClients({
    region: values.region ?? process.env.AWS_REGION ?? 'us-east-1',
    ...(endpoint ? { endpoints: { dynamodb: endpoint }, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  const store = new DynamoTicketRepository(clients.documents, values.table ?? 'triage-Tickets');
  const { queues } = await slaReport({ tickets: store, clock: systemClock });
  const report = Object.fromEntries(queues.map(({ category, ...attainment }) => [category, attainment]));
  clients.dynamodb.destroy();
  if (values.json) {
    console.log(JSON.stringify(report, null, 2));
    return 0;
  }
  console.log('queue       tickets  met  breached  past warning  overdue  attainment');
  for (const [queue, q] of Object.entries(report)) {
    const pct = q.attainment === null ? '—' : `${(q.attainment * 100).toFixed(1)} %`;
    console.log(
      `${queue.padEnd(10)}  ${String(q.tickets).padStart(7)}  ${String(q.met).padStart(3)}  ${String(q.breached).padStart(8)}  ${String(q.atRisk).padStart(12)}  ${String(q.overdue).padStart(7)}  ${pct.padStart(10)}`,
    );
  }
  return 0;
}
