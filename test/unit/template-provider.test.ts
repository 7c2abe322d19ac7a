import { describe, expect, it } from 'vitest';
import type { TemplateFile } from '../../templates/catalog.ts';
import { templateProvider } from '../../templates/template-provider.ts';
import { TestClock } from '../helpers/clock.ts';

const facts = { customerName: 'Ada', ticketId: 'T-1', customerSubject: 'Hi', dueAt: 'Monday', teamName: 'Support' };
const ack = (text: string): TemplateFile[] => [
  { path: 'acknowledgement/en/subject.hbs', content: 'Re [{{ticketId}}]' },
  { path: 'acknowledgement/en/text.hbs', content: text },
  { path: 'acknowledgement/en/html.hbs', content: `<p>${text}</p>` },
];

describe('template provider', () => {
  it('re-reads overrides after the refresh interval and keeps the last good ones when an upload is broken', async () => {
    const clock = new TestClock(new Date('2026-11-24T10:00:00Z'));
    let files = ack('First {{ticketId}}');
    let loads = 0;
    const rejected: string[] = [];
    const templates = templateProvider({
      load: async () => {
        loads += 1;
        return files;
      },
      origin: 's3://bucket/templates/',
      clock,
      onRejected: (error) => rejected.push(error.message),
      refreshMs: 60_000,
    });
    const text = async () => (await templates()).render('acknowledgement', 'en', facts).text;

    expect(await text()).toBe('First T-1');
    files = ack('Second {{ticketId}}');
    clock.advance(59_000);
    expect(await text()).toBe('First T-1'); // still cached
    clock.advance(1_000);
    expect(await text()).toBe('Second T-1');

    files = ack('Broken {{ticketNumber}}');
    clock.advance(60_000);
    expect(await text()).toBe('Second T-1');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toContain('s3://bucket/templates/');
    expect(rejected[0]).toContain("unknown variable 'ticketNumber'");

    files = [];
    clock.advance(60_000);
    expect(await text()).toContain('Thank you for writing to us'); // overrides removed: built-in again
    expect(loads).toBe(4);
  });

  it('shares one load between concurrent first calls', async () => {
    let loads = 0;
    const templates = templateProvider({
      load: async () => {
        loads += 1;
        return [];
      },
      origin: 'dir',
      clock: new TestClock(new Date()),
      onRejected: () => undefined,
    });
    await Promise.all([templates(), templates(), templates()]);
    expect(loads).toBe(1);
  });
});
