import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SQS_REFUSED } from '../../lib/domain/safe-text.ts';

/**
 * fauxqs 1.9 (the last release for Node 20) checks message bodies UTF-16 code
 * unit by code unit, so it refuses every character outside the Basic
 * Multilingual Plane (emoji, CJK Extension B …), which real SQS accepts. Its
 * 2.x line fixes that but needs Node 22.5. Until then the local stack swaps
 * in the rule SQS documents (`SQS_REFUSED`). Only the emulator's check changes; nothing in the
 * deployed code does.
 */

/** Makes the running fauxqs judge message bodies as SQS does; idempotent. */
export async function applySqsCharacterRule(): Promise<void> {
  // The module is not in fauxqs's exports map; importing it by file URL reaches the very instance fauxqs uses.
  const file = createRequire(import.meta.url)
    .resolve.paths('fauxqs')
    ?.map((dir) => join(dir, 'fauxqs', 'dist', 'sqs', 'sqsTypes.js'))
    .find((candidate) => existsSync(candidate));
  if (!file) throw new Error('fauxqs is not installed: run npm install');
  const types = (await import(pathToFileURL(file).href)) as { INVALID_MESSAGE_BODY_CHAR?: RegExp };
  const check = types.INVALID_MESSAGE_BODY_CHAR;
  if (!(check instanceof RegExp)) throw new Error('fauxqs no longer exports INVALID_MESSAGE_BODY_CHAR: check whether its character rule still needs replacing');
  check.test = (body: string) => SQS_REFUSED.test(body);
}
