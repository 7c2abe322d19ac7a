import { vi } from 'vitest';
import { main } from '../../cli/main.ts';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `triage ARGS…` in this process, capturing what it prints; much faster than a process per call. */
export async function triage(args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const text = (parts: unknown[]) => `${parts.map((p) => (typeof p === 'string' ? p : String(p))).join(' ')}\n`;
  const spies = [
    vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
      stdout += text(parts);
    }),
    vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => {
      stderr += text(parts);
    }),
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      return true;
    }),
  ];
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}
