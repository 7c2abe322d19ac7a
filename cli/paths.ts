import { readdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from './args.ts';

export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SAMPLE_MAILBOX = join(PACKAGE_ROOT, 'samples', 'mailbox');

/** Expands files and folders into a sorted list of .eml files; a missing path is a usage error. */
export async function emlFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new UsageError(`no such file or folder: ${path}`, false);
    if (info.isDirectory()) {
      const entries = (await readdir(path)).filter((f) => f.toLowerCase().endsWith('.eml')).sort();
      files.push(...entries.map((f) => join(path, f)));
    } else {
      files.push(path);
    }
  }
  if (files.length === 0) throw new UsageError(`no .eml files in ${paths.join(', ')}`, false);
  return files;
}

/** A folder the user named (template overrides): missing or not a folder is a usage error, named. */
export async function existingFolder(path: string, what: string): Promise<string> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new UsageError(`cannot read ${path}: no such folder (${what})`, false);
  if (!info.isDirectory()) throw new UsageError(`cannot read ${path}: not a folder (${what})`, false);
  return path;
}
