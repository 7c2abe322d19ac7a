import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { detectLanguage } from '../lib/classify/language.ts';
import { threadingKeys } from '../lib/domain/threading.ts';
import { parseMail } from '../lib/mail/parse-mail.ts';
import type { ParsedMessage } from '../lib/mail/parsed-message.ts';
import { helpText, parseCommandArgs, UsageError } from './args.ts';
import { readMessageFile } from './message-file.ts';
import { printable, printableLines } from './terminal-text.ts';

const HELP = `Usage: triage parse FILE.eml [--json]
       triage parse --manifest MANIFEST.tsv

Prints the normalised message: decoded subject and sender, language, the new
text, quoted part and signature, attachments, detected automation (auto-reply,
bounce, list …) and threading keys. With --manifest, parses every file listed
(first column: a path relative to the manifest) and prints one JSON line per
file, {"path","ok":true|false,"error"?,…}; a file that fails is a row, never a crash.
A summary goes to standard error.`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' }, manifest: { type: 'string' } });
  if (values.help) {
    console.log(helpText(HELP));
    return 0;
  }
  if (values.manifest) return parseManifest(values.manifest);
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new UsageError('give one FILE.eml, or --manifest MANIFEST.tsv');
  const raw = await readMessageFile(file);
  const parsed = await parseMail(raw);
  if (values.json) console.log(JSON.stringify(describe(parsed, true), null, 2));
  else printHuman(parsed);
  return 0;
}

/** The normalised message as JSON; `full` adds the texts themselves. */
export function describe(m: ParsedMessage, full: boolean) {
  const keys = threadingKeys(
    m.subject,
    [...m.to, ...m.cc].map((a) => a.address),
    m.inReplyTo,
    m.references,
  );
  return {
    messageId: m.messageId ?? null,
    date: m.date?.toISOString() ?? null,
    from: m.from ?? null,
    to: m.to,
    cc: m.cc,
    subject: m.subject,
    language: detectLanguage(`${m.subject}\n${m.newText}`),
    automation: m.automation,
    quoteStyle: m.quoteStyle,
    ...(full
      ? { newText: m.newText, quoted: m.quoted, signature: m.signature }
      : { newTextChars: m.newText.length, quotedChars: m.quoted.length, signatureChars: m.signature.length }),
    attachments: m.attachments.map(({ filename, contentType, size, inline }) => ({ filename, contentType, size, inline })),
    threading: { inReplyTo: m.inReplyTo ?? null, references: m.references, ...keys },
    replacementCharacters: m.replacementCharacters,
    headersOfInterest: Object.fromEntries(
      ['auto-submitted', 'precedence', 'list-id', 'x-auto-response-suppress', 'x-autoreply', 'content-type', 'x-mailer', 'user-agent'].flatMap((k) =>
        m.headers.has(k) ? [[k, m.headers.get(k)]] : [],
      ),
    ),
  };
}

function printHuman(m: ParsedMessage): void {
  const d = describe(m, true);
  console.log(`From:       ${d.from ? printable(d.from.name ? `${d.from.name} <${d.from.address}>` : d.from.address) : '(none)'}`);
  console.log(`Subject:    ${printable(d.subject)}`);
  console.log(`Message-ID: ${printable(d.messageId ?? '(none)')}`);
  console.log(`Language:   ${d.language}`);
  console.log(
    `Automation: ${d.automation.kind}${d.automation.reason ? ` (${d.automation.reason})` : ''}${d.automation.failedRecipients.length ? ` failed: ${printable(d.automation.failedRecipients.join(', '))}` : ''}`,
  );
  console.log(`Quoting:    ${d.quoteStyle}`);
  console.log(`Threading:  ${JSON.stringify(d.threading)}`);
  for (const a of d.attachments) console.log(`Attachment: ${printable(a.filename)} (${printable(a.contentType)}, ${a.size} bytes${a.inline ? ', inline' : ''})`);
  console.log(`\n--- new text ---\n${printableLines(m.newText)}`);
  if (m.signature) console.log(`\n--- signature ---\n${printableLines(m.signature)}`);
  if (m.quoted) console.log(`\n--- quoted (${m.quoted.length} characters) ---`);
}

async function parseManifest(manifest: string): Promise<number> {
  const text = await readFile(manifest, 'utf8').catch(() => {
    throw new UsageError(`cannot read ${manifest}`, false);
  });
  const root = dirname(manifest);
  const rows = text.split(/\r?\n/).filter((l) => l.trim() && !l.startsWith('#'));
  if (rows[0]?.toLowerCase().startsWith('path\t')) rows.shift();
  const outcomes = new Map<string, number>();
  for (const row of rows) {
    const path = row.split('\t')[0]!;
    let line: Record<string, unknown>;
    try {
      const parsed = await parseMail(await readFile(join(root, path)));
      line = { path, ok: true, ...describe(parsed, false) };
      outcomes.set('ingested', (outcomes.get('ingested') ?? 0) + 1);
    } catch (error) {
      const e = error as Error;
      line = { path, ok: false, error: `${e.name}: ${e.message}` };
      outcomes.set(`rejected (${e.name})`, (outcomes.get(`rejected (${e.name})`) ?? 0) + 1);
    }
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
  console.error(`${rows.length} files: ${[...outcomes].map(([k, n]) => `${n} ${k}`).join(', ')}`);
  return 0;
}
