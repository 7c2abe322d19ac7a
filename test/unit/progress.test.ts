import { describe, expect, it } from 'vitest';
import { terminalProgress } from '../../cli/progress.ts';
import { fakeTerminal as fakeStream } from '../helpers/terminal.ts';

// A clock that moves 1.5 s per reading: each step takes exactly that long.
const ticking = () => {
  let t = 0;
  return () => (t += 1500);
};

async function twoSteps(progress: ReturnType<typeof terminalProgress>): Promise<string> {
  await progress.step('Starting the emulators', async (update) => {
    update('DynamoDB Local …');
    update('DynamoDB Local ✓');
  });
  return progress.step('Delivering 3 messages', async (update) => {
    for (let i = 1; i <= 3; i += 1) update(`${i}/3`);
    return 'done';
  });
}

describe('terminal progress', () => {
  it('on a terminal: a line per finished step with its last detail and the time it took', async () => {
    const stream = fakeStream(true);
    expect(await twoSteps(terminalProgress({ stream, env: {}, now: ticking() }))).toBe('done');
    const plain = stream.plain();
    expect(plain).toContain('✔ Starting the emulators: DynamoDB Local ✓ (1.5 s)\n');
    expect(plain).toContain('✔ Delivering 3 messages: 3/3 (1.5 s)\n');
    expect(plain).toContain('Delivering 3 messages'); // the spinner showed the step while it ran
    expect(stream.text()).toContain('\u001b[32m✔'); // green where the terminal has colours
  });

  it('marks a failed step and passes its error on', async () => {
    const stream = fakeStream(true);
    const progress = terminalProgress({ stream, env: {}, now: ticking() });
    await expect(progress.step('Starting the emulators', () => Promise.reject(new Error('no java')))).rejects.toThrow('no java');
    expect(stream.text()).toContain('✖');
  });

  it.each([
    ['--quiet', { quiet: true, tty: true, env: {} }],
    ['a pipe or a file', { quiet: false, tty: false, env: {} }],
    ['TERM=dumb', { quiet: false, tty: true, env: { TERM: 'dumb' } }],
  ])('prints nothing with %s, and still does the work', async (_name, { quiet, tty, env }) => {
    const stream = fakeStream(tty);
    expect(await twoSteps(terminalProgress({ stream, quiet, env, now: ticking() }))).toBe('done');
    expect(stream.text()).toBe('');
  });

  it('uses no colour with NO_COLOR', async () => {
    const stream = fakeStream(true);
    await twoSteps(terminalProgress({ stream, env: { NO_COLOR: '1' }, now: ticking() }));
    expect(stream.text()).toContain('✔ Delivering 3 messages: 3/3 (1.5 s)');
    expect(stream.text()).not.toMatch(/\u001b\[\d+m/); // no colour codes (cursor movement is not colour)
  });
});
