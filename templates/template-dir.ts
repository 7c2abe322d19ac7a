import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { ConfigError } from '../lib/domain/errors.ts';
import { MAX_OVERRIDE_FILES, type TemplateFile } from './catalog.ts';

/** Reads an override folder (`NAME/LOCALE/PART.hbs`); validation is the catalog's job. */
export async function readTemplateDir(dir: string): Promise<TemplateFile[]> {
  let entries: Awaited<ReturnType<typeof listEntries>>;
  try {
    entries = await listEntries(dir);
  } catch (error) {
    throw new ConfigError(`Cannot read the template folder ${dir}: ${(error as Error).message}`, { cause: error });
  }
  const files = entries.filter((e) => e.isFile() && !e.name.startsWith('.'));
  if (files.length > MAX_OVERRIDE_FILES) throw new ConfigError(`The template folder ${dir} holds ${files.length} files; at most ${MAX_OVERRIDE_FILES} are read`);
  return Promise.all(
    files.map(async (e) => {
      const path = join(e.parentPath, e.name);
      return { path: relative(dir, path).split(sep).join('/'), content: await readFile(path, 'utf8') };
    }),
  );
}

function listEntries(dir: string) {
  return readdir(dir, { recursive: true, withFileTypes: true });
}
