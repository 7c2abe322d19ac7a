import { readFile } from 'node:fs/promises';
import { UsageError } from './args.ts';

const HEADER_LINE = /^[!-9;-~]+:[ \t]?/;
const MESSAGE_HEADERS = /^(from|to|cc|subject|date|message-id|received|return-path|mime-version|delivered-to|reply-to|sender)$/i;

/**
 * Whether the bytes start like an email message: a header block (an mbox
 * `From ` line may come first) that holds at least one header every message
 * has. A README, a JSON file or a photo does not.
 */
function looksLikeMessage(raw: Buffer): boolean {
  const head = raw
    .subarray(0, 64 * 1024)
    .toString('latin1')
    .replace(/^\uFEFF/, '');
  const lines = head.split(/\r\n|\n|\r/);
  let i = lines.findIndex((l) => l.trim() !== '');
  if (i < 0) return false;
  if (lines[i]!.startsWith('From ')) i += 1;
  let known = 0;
  for (; i < lines.length && lines[i] !== ''; i += 1) {
    const line = lines[i]!;
    if (/^[ \t]/.test(line)) continue; // a folded header continues
    if (!HEADER_LINE.test(line)) return false;
    if (MESSAGE_HEADERS.test(line.slice(0, line.indexOf(':')))) known += 1;
  }
  return known > 0;
}

/** Reads an .eml file the user named; unreadable or not a message is a usage error naming the file. */
export async function readMessageFile(path: string): Promise<Buffer> {
  const raw = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${path}${error.code === 'EISDIR' ? ': it is a folder' : error.code === 'ENOENT' ? ': no such file' : ''}`, false);
  });
  assertMessage(raw, path);
  return raw;
}

export function assertMessage(raw: Buffer, path: string): void {
  if (!looksLikeMessage(raw)) {
    throw new UsageError(`${path} is not an email message (no header block with From, To, Subject or Date); give a raw .eml file as a mail client saves it`, false);
  }
}
