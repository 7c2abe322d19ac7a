import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { rawMail } from '../helpers/mail.ts';

const exec = promisify(execFile);
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'triage.mjs');

describe('triage run (the README main command)', () => {
  it('pushes mail through its own local stack under the SLA policy it is given, and reports queues, sent mail and alerts', async () => {
    // Prepare: three customers, and a routine policy of 30 minutes around the clock
    const dir = await mkdtemp(join(tmpdir(), 'triage-run-'));
    await writeFile(join(dir, 'a.eml'), rawMail({ from: 'Ann <ann@example.net>', subject: 'Opening hours', body: 'When do you open on Sunday?', messageId: '<a@x>' }));
    await writeFile(join(dir, 'b.eml'), rawMail({ from: 'Ben <ben@example.net>', subject: 'Kettle', body: 'The kettle arrived broken, I want a refund.', messageId: '<b@x>' }));
    await writeFile(
      join(dir, 'c.eml'),
      rawMail({ from: 'Cal <cal@example.net>', subject: 'Refund', body: 'Refund me today or I will find you and hurt you.', messageId: '<c@x>' }),
    );
    const config = join(dir, 'sla.json');
    await writeFile(
      config,
      JSON.stringify({
        calendar: { timeZone: 'UTC', alwaysOpen: true },
        policies: { routine: { firstResponseMinutes: 30, nextResponseMinutes: 30, resolutionMinutes: 600, businessHours: true } },
      }),
    );

    // Act: the real binary, in its own process
    const before = Date.now();
    const { stdout } = await exec('node', [BIN, 'run', dir, '--json', '--sla-config', config], { encoding: 'utf8' });
    const after = Date.now();

    // Assess
    const report = JSON.parse(stdout) as {
      delivered: number;
      queues: Record<string, Array<{ ticketId: string; customer: { address: string }; dueAt: string; slaReasons: string[] }>>;
      sent: Array<{ to: string; subject: string }>;
      alerts: string[];
      deadLetters: number;
    };
    expect(report.delivered).toBe(3);
    expect(report.queues.routine?.map((t) => t.customer.address)).toEqual(['ann@example.net']);
    expect(report.queues.complaint?.map((t) => t.customer.address)).toEqual(['ben@example.net']);
    const complaint = report.queues.complaint![0]!;
    expect(report.sent.find((m) => m.to.includes('ben@example.net'))?.subject).toBe(`Re: Kettle [${complaint.ticketId}]`);
    expect(report.sent).toHaveLength(3);
    const threat = report.queues.threat![0]!;
    expect(report.alerts).toEqual([`[Threat] ${threat.ticketId}: Refund`]);
    expect(report.deadLetters).toBe(0);
    // the routine ticket follows the given policy: a person answers within 30 minutes
    const routine = report.queues.routine![0]!;
    expect(Date.parse(routine.dueAt)).toBeGreaterThanOrEqual(before + 30 * 60_000 - 1000);
    expect(Date.parse(routine.dueAt)).toBeLessThanOrEqual(after + 30 * 60_000);
    expect(routine.slaReasons[0]).toContain('30 min');
  }, 120_000);
});
