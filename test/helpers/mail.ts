/** Builds small raw RFC 5322 messages for tests, with CRLF line ends as on the wire. */
export function rawMail(options: { from?: string; to?: string; subject?: string; body?: string; messageId?: string; date?: string; headers?: Record<string, string> }): Buffer {
  const lines = [
    `From: ${options.from ?? 'Ada Customer <ada@example.net>'}`,
    `To: ${options.to ?? 'support@example.com'}`,
    `Subject: ${options.subject ?? 'A question about my order'}`,
    `Date: ${options.date ?? 'Tue, 24 Nov 2026 10:00:00 +0000'}`,
    `Message-ID: ${options.messageId ?? '<test-1@mail.example.net>'}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    ...Object.entries(options.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    '',
    options.body ?? 'Hello, could you tell me when my order ships?\n\nThanks, Ada',
  ];
  return Buffer.from(lines.join('\r\n').replace(/(?<!\r)\n/g, '\r\n'), 'utf8');
}
