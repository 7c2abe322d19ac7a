import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { PublishCommand } from '@aws-sdk/client-sns';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { AwsClients } from '../../lib/adapters/aws/clients.ts';
import { uploadObject } from '../../lib/adapters/aws/s3-raw-mail-store.ts';
import type { SesReceivedNotification } from '../../lib/adapters/aws/ses-notification.ts';
import type { Clock } from '../../lib/domain/ports.ts';
import { MAX_MESSAGE_BYTES } from '../../lib/mail/parse-mail.ts';
import { bucket as bucketSpec } from '../topology.ts';

export interface SmtpReceiverOptions {
  readonly clients: AwsClients;
  readonly bucket: string;
  readonly topicArn: string;
  /** Domains we receive mail for, like the recipient conditions of an SES receipt rule. */
  readonly domains: readonly string[];
  readonly clock: Clock;
  /** The receiving checks' verdicts for one message; tests play forgeries, spam and viruses with it. */
  readonly verdicts?: ReceiptVerdicts;
  /** Told of every message accepted, after its notification is published (npm start logs it). */
  readonly onReceived?: (notification: SesReceivedNotification, raw: Buffer) => void;
}

export type VerdictStatus = 'PASS' | 'FAIL' | 'GRAY' | 'PROCESSING_FAILED';

/** What SES's receiving checks would say about one message, by check; checks left out pass. */
export type ReceiptVerdicts = (mail: {
  readonly mailFrom: string;
  readonly headers: ReadonlyArray<{ name: string; value: string }>;
}) => Partial<Record<'spam' | 'virus' | 'spf' | 'dkim' | 'dmarc', VerdictStatus>>;

export interface RunningSmtpReceiver {
  readonly host: string;
  readonly port: number;
  /** Notifications published so far (most recent last), for tests that replay SES redeliveries. */
  readonly published: readonly SesReceivedNotification[];
  stop(): Promise<void>;
}

/**
 * Does locally what an SES receipt rule with an S3 action does: keeps the raw
 * MIME in the bucket, then publishes the `Received` notification to the topic.
 */
export async function startSmtpReceiver(options: SmtpReceiverOptions): Promise<RunningSmtpReceiver> {
  const domains = options.domains.map((d) => d.toLowerCase());
  const published: SesReceivedNotification[] = [];
  const server = new SMTPServer({
    name: 'inbound-smtp.localhost',
    banner: 'Inbox Triage local receiving (SES stand-in)',
    disabledCommands: ['AUTH', 'STARTTLS'],
    authOptional: true,
    size: MAX_MESSAGE_BYTES,
    logger: false,
    onRcptTo(address, _session, callback) {
      const domain = address.address.split('@')[1]?.toLowerCase() ?? '';
      if (!domains.includes(domain)) {
        callback(Object.assign(new Error(`550 Mailbox unavailable: we do not receive mail for ${domain}`), { responseCode: 550 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      receive(stream, session, options).then(
        (notification) => {
          published.push(notification);
          if (published.length > 1000) published.shift();
          callback(null, `Ok: queued as ${notification.mail.messageId}`);
        },
        (error: Error) => callback(Object.assign(error, { responseCode: (error as { responseCode?: number }).responseCode ?? 451 })),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    published,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function receive(stream: SMTPServerDataStream, session: SMTPServerSession, options: SmtpReceiverOptions): Promise<SesReceivedNotification> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  if (stream.sizeExceeded) {
    throw Object.assign(new Error('552 Message exceeds the 40 MB limit'), { responseCode: 552 });
  }
  const raw = Buffer.concat(chunks);
  const messageId = sesLikeMessageId();
  const objectKey = `${bucketSpec.inboundPrefix}${messageId}`;
  await uploadObject(options.clients.s3, options.bucket, objectKey, raw);

  const now = options.clock.now().toISOString();
  const recipients = session.envelope.rcptTo.map((r) => r.address);
  const { headers, truncated } = headerList(raw);
  const header = (name: string) => headers.find((h) => h.name.toLowerCase() === name)?.value;
  const mailFrom = session.envelope.mailFrom;
  // The listener takes mail on loopback only, from this machine: it stands for an authenticated sender unless told otherwise.
  const pass: VerdictStatus = 'PASS';
  const verdict = { spam: pass, virus: pass, spf: pass, dkim: pass, dmarc: pass, ...options.verdicts?.({ mailFrom: mailFrom ? mailFrom.address : '', headers }) };
  const notification: SesReceivedNotification = {
    notificationType: 'Received',
    receipt: {
      timestamp: now,
      recipients,
      spamVerdict: { status: verdict.spam },
      virusVerdict: { status: verdict.virus },
      spfVerdict: { status: verdict.spf },
      dkimVerdict: { status: verdict.dkim },
      dmarcVerdict: { status: verdict.dmarc },
      action: { type: 'S3', topicArn: options.topicArn, bucketName: options.bucket, objectKey },
    },
    mail: {
      timestamp: now,
      source: mailFrom ? mailFrom.address : '',
      messageId,
      destination: recipients,
      headersTruncated: truncated,
      headers,
      commonHeaders: {
        from: header('from') ? [header('from')] : [],
        to: header('to') ? [header('to')] : [],
        subject: header('subject')?.slice(0, MAX_HEADER_VALUE),
        messageId: header('message-id'),
        date: header('date'),
      },
    },
  };
  await options.clients.sns.send(new PublishCommand({ TopicArn: options.topicArn, Subject: 'Amazon SES Email Receipt Notification', Message: JSON.stringify(notification) }));
  options.onReceived?.(notification, raw);
  return notification;
}

/** SES receipt ids are 20–40 lowercase base-32 characters. */
function sesLikeMessageId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(36)].map((b) => alphabet[b % alphabet.length]).join('');
}

// SES lists the headers in the notification only up to a size, and says when it cut them (headersTruncated):
// the notification must fit SNS's 256 KB whatever the mail carries.
const MAX_HEADER_VALUE = 2048;
const MAX_HEADER_LIST = 10 * 1024;

/** The header block as SES lists it: unfolded, in order, bounded. Bodies are not read. */
function headerList(raw: Buffer): { headers: Array<{ name: string; value: string }>; truncated: boolean } {
  const text = raw.subarray(0, Math.min(raw.length, 256 * 1024)).toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const block = (end === -1 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const all = block.split(/\r?\n/).flatMap((line) => {
    const colon = line.indexOf(':');
    return colon > 0 ? [{ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() }] : [];
  });
  const headers: Array<{ name: string; value: string }> = [];
  let size = 0;
  let truncated = raw.length > 256 * 1024 && end === -1;
  for (const h of all) {
    const value = h.value.slice(0, MAX_HEADER_VALUE);
    if (value.length < h.value.length) truncated = true;
    size += h.name.length + value.length;
    if (size > MAX_HEADER_LIST) return { headers, truncated: true };
    headers.push({ name: h.name, value });
  }
  return { headers, truncated };
}
