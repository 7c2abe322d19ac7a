/**
 * How the local stack reports long work (starting emulators, the first
 * download of DynamoDB Local, delivering mail, waiting for replies). The CLI
 * shows it on a terminal; tests and libraries pass nothing and see nothing.
 */
export interface Progress {
  /** Runs one step of work, shown by its title while it runs; `update` adds a detail such as "3/15" or a byte count. */
  step<T>(title: string, work: (update: (detail: string) => void) => Promise<T>): Promise<T>;
}

/** Progress that shows nothing. */
export const silentProgress: Progress = { step: (_title, work) => work(() => undefined) };

/** Something that happened on the local stack, as `npm start` logs it: mail in, mail out, an alert to supervisors. */
export type LocalEvent =
  | { readonly kind: 'received'; readonly at: Date; readonly from: string; readonly to: readonly string[]; readonly subject: string }
  | { readonly kind: 'sent'; readonly at: Date; readonly to: readonly string[]; readonly subject: string }
  | { readonly kind: 'alert'; readonly at: Date; readonly subject: string };

/** Megabytes with one decimal, for byte counters. */
export function megabytes(bytes: number): string {
  return (bytes / 1_000_000).toFixed(1);
}
