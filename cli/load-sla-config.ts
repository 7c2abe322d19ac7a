import { readFile } from 'node:fs/promises';
import { loadSlaConfig } from '../lib/domain/sla/sla-config.ts';
import { UsageError } from './args.ts';

/** Reads and validates an SLA config file; returns its JSON text for the functions' SLA_CONFIG. */
export async function readSlaConfigFile(path: string | undefined): Promise<string | undefined> {
  if (!path) return undefined;
  const text = await readFile(path, 'utf8').catch(() => {
    throw new UsageError(`cannot read ${path}`, false);
  });
  loadSlaConfig(text, path); // fail here, with the field named, rather than inside a function
  return text;
}
