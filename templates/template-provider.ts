import type { Clock } from '../lib/domain/ports.ts';
import { TemplateCatalog, type TemplateFile } from './catalog.ts';

export interface TemplateProviderOptions {
  /** Reads the override files (a folder, a bucket prefix). */
  readonly load: () => Promise<readonly TemplateFile[]>;
  /** Where they come from, for error messages. */
  readonly origin: string;
  readonly clock: Clock;
  /** Overrides that fail to load or validate; the last good catalog stays in use. */
  readonly onRejected: (error: Error) => void;
  /** How long a loaded catalog is used before the files are read again. */
  readonly refreshMs?: number;
}

/**
 * The catalog a long-lived process (a warm Lambda) should use: overrides are
 * re-read every few minutes, so an admin's upload takes effect without a
 * deploy, and a broken upload is reported and ignored instead of stopping mail.
 */
export function templateProvider(options: TemplateProviderOptions): () => Promise<TemplateCatalog> {
  const refreshMs = options.refreshMs ?? 5 * 60_000;
  let current = TemplateCatalog.builtIn();
  let loadedAt = Number.NEGATIVE_INFINITY;
  let loading: Promise<TemplateCatalog> | undefined;
  const reload = async (): Promise<TemplateCatalog> => {
    try {
      const files = await options.load();
      current = files.length > 0 ? TemplateCatalog.withOverrides(files, options.origin) : TemplateCatalog.builtIn();
    } catch (error) {
      options.onRejected(error as Error);
    }
    loadedAt = options.clock.now().getTime();
    return current;
  };
  return () => {
    if (options.clock.now().getTime() - loadedAt < refreshMs) return Promise.resolve(current);
    loading ??= reload().finally(() => {
      loading = undefined;
    });
    return loading;
  };
}
