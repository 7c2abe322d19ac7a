/**
 * A first cut of "what the customer wrote in this message": stops at the
 * first quote header or quoted block and drops a trailing signature. The
 * real-mail issue (#4) makes this thorough per client.
 */
const QUOTE_HEADERS: readonly RegExp[] = [
  /^On .{4,200} wrote:\s*$/i,
  /^-{2,}\s*Original Message\s*-{2,}/i,
  /^-{2,}\s*原始邮件\s*-{2,}/,
  /^From:\s.+/i,
  /^(发件人|寄件者)[:：]/,
  /^在.{2,100}写道[:：]\s*$/,
];

const SIGNATURE_STARTS: readonly RegExp[] = [/^-- ?$/, /^Sent from my /i, /^发自我的/, /^從我的.*傳送/];

export function extractNewText(text: string): string {
  const kept: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (QUOTE_HEADERS.some((re) => re.test(trimmed)) || SIGNATURE_STARTS.some((re) => re.test(trimmed))) break;
    if (trimmed.startsWith('>')) continue;
    kept.push(line);
  }
  return kept.join('\n').trim();
}
