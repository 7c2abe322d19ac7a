import { createHash } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { banner, eventLine } from '../../cli/start-command.ts';
import { downloadVerified } from '../../infra/local/dynamodb-local.ts';

describe('npm start: the banner and the event log', () => {
  const stack = {
    smtp: { host: '127.0.0.1', port: 2525 },
    sesViewerUrl: 'http://127.0.0.1:8005/',
    endpoints: { dynamodb: 'http://127.0.0.1:8000', sqs: 'http://127.0.0.1:4566', sns: 'http://127.0.0.1:4566', s3: 'http://127.0.0.1:4566', ses: 'http://127.0.0.1:8005' },
    resources: { tableName: 'triage-Tickets', bucket: 'triage-rawmail' },
    api: { url: 'http://127.0.0.1:3000' },
    identity: { url: 'http://127.0.0.1:3001' },
  } as unknown as Parameters<typeof banner>[0];

  it('prints commands ready to paste, with the credentials and endpoints they need', () => {
    const text = banner(stack, 'help@shop.example');
    expect(text).toContain(
      'export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 TRIAGE_DYNAMODB_ENDPOINT=http://127.0.0.1:8000 TRIAGE_SQS_ENDPOINT=http://127.0.0.1:4566',
    );
    expect(text).toContain(
      'curl -sS smtp://127.0.0.1:2525 --mail-from maria.lopez@example.net --mail-rcpt help@shop.example --upload-file samples/mailbox/01-routine-opening-hours.eml',
    );
    expect(text).toContain('aws dynamodb scan --endpoint-url http://127.0.0.1:8000 --table-name triage-Tickets');
  });

  it('logs one line per event, with the customer’s control characters made harmless for the terminal', () => {
    const at = new Date('2026-12-01T16:45:39Z');
    expect(eventLine({ kind: 'received', at, from: 'ann@example.net', to: ['support@example.com'], subject: 'Hello\u001b]0;pwned\u0007 there' })).toBe(
      '16:45:39  ← mail   from ann@example.net to support@example.com  “Hello ]0;pwned  there”',
    );
    expect(eventLine({ kind: 'sent', at, to: ['ann@example.net'], subject: 'Re: Hello [T-10001]' })).toBe('16:45:39  → sent   to ann@example.net  “Re: Hello [T-10001]”');
    expect(eventLine({ kind: 'alert', at, subject: '[Threat] T-10002: you will regret this' })).toBe('16:45:39  ! alert  [Threat] T-10002: you will regret this');
  });
});

describe('the DynamoDB Local download', () => {
  it('counts bytes as they arrive and keeps the file only when it matches its checksum', async () => {
    const body = Buffer.alloc(300_000, 7);
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-length': String(body.length) });
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/simulator.tgz`;
    const dir = await mkdtemp(join(tmpdir(), 'triage-download-'));
    try {
      const seen: Array<[number, number]> = [];
      const integrity = `sha512-${createHash('sha512').update(body).digest('base64')}`;
      await downloadVerified(url, join(dir, 'ok.tgz'), integrity, (received, total) => seen.push([received, total]));
      expect((await readFile(join(dir, 'ok.tgz'))).equals(body)).toBe(true);
      expect(seen.at(-1)).toEqual([300_000, 300_000]);
      expect(seen.every(([r], i) => i === 0 || r > seen[i - 1]![0])).toBe(true);

      const wrong = `sha512-${createHash('sha512').update('something else').digest('base64')}`;
      await expect(downloadVerified(url, join(dir, 'bad.tgz'), wrong)).rejects.toThrow('does not match its checksum');
      await expect(readFile(join(dir, 'bad.tgz'))).rejects.toThrow();
    } finally {
      server.close();
    }
  });
});
