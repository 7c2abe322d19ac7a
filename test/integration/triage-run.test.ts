import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { triage } from '../helpers/cli.ts';
import { rawMail } from '../helpers/mail.ts';

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

    // Act: the real binary, in its own process; --keep leaves the stack up for the agents afterwards
    const configHome = await mkdtemp(join(tmpdir(), 'triage-run-config-'));
    const previousConfigHome = process.env.XDG_CONFIG_HOME;
    const before = Date.now();
    const child = spawn('node', [BIN, 'run', dir, '--json', '--keep', '--sla-config', config], {
      env: { ...process.env, XDG_CONFIG_HOME: configHome },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        if (chunk.toString('utf8').includes('The stack keeps running')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`triage run exited early (${code})`)));
    });
    const after = Date.now();
    try {
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

      // …and then an agent works the complaint through the stack that stayed up
      process.env.XDG_CONFIG_HOME = configHome;
      expect((await triage(['login', 'agent1', '--password', 'agent1-local'])).code).toBe(0);
      const next = await triage(['next', 'complaint']);
      expect(next.stdout).toContain(`${complaint.ticketId}  complaint`);
      expect((await triage(['reply', complaint.ticketId, '--template', 'apology'])).code).toBe(0);
      expect((await triage(['resolve', complaint.ticketId])).stdout).toContain('A follow-up is scheduled');
    } finally {
      if (previousConfigHome === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = previousConfigHome;
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  }, 120_000);
});
