import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { triage } from '../helpers/cli.ts';
import { rawMail } from '../helpers/mail.ts';

const exec = promisify(execFile);
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'triage.mjs');

/** The real binary in its own process, fed on standard input: the one smoke test of bin/triage.mjs. */
async function triageProcess(args: string[], input: string) {
  const child = exec('node', [BIN, ...args], { encoding: 'utf8' });
  child.child.stdin?.end(input);
  const { stdout, stderr } = await child;
  return { stdout, stderr };
}

describe('triage CLI', () => {
  it.each([
    'run',
    'start',
    'classify',
    'eval',
    'train',
    'parse',
    'sla',
    'templates',
    'dlq',
    'feedback',
    'login',
    'queues',
    'next',
    'show',
    'reply',
    'note',
    'resolve',
    'recategorise',
    'flag',
  ])('%s --help prints usage and exits 0', async (command) => {
    const result = await triage([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: triage ${command}`);
  });

  it('previews every template and rejects an unknown one', async () => {
    const list = await triage(['templates', 'list']);
    expect(list.stdout).toContain('apology');
    const preview = await triage(['templates', 'preview', 'apology', '--locale', 'zh-Hant']);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain('T-10042');
    expect(preview.stdout).toContain('林美玲');
    expect((await triage(['templates', 'preview', 'nope'])).stderr.trim()).toBe("triage templates: unknown template 'nope' (see 'triage templates list')");
  });

  it('checks an override folder, previews with it, and lists every problem of a broken one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'triage-cli-templates-'));
    await mkdir(join(dir, 'follow-up', 'zh-Hans'), { recursive: true });
    await writeFile(join(dir, 'follow-up', 'zh-Hans', 'subject.hbs'), '回访：{{customerSubject}} [{{ticketId}}]');
    await writeFile(join(dir, 'follow-up', 'zh-Hans', 'text.hbs'), '{{customerName}}，您好！工单 {{ticketId}} 已经解决了吗？');
    await writeFile(join(dir, 'follow-up', 'zh-Hans', 'html.hbs'), '<p>{{customerName}}，您好！</p>');
    const ok = await triage(['templates', 'check', dir]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('follow-up/zh-Hans');
    expect((await triage(['templates', 'list', '--dir', dir])).stdout).toMatch(/follow-up .*\(overridden: zh-Hans\)/);
    expect((await triage(['templates', 'preview', 'follow-up', '--locale', 'zh-Hans', '--dir', dir])).stdout).toContain('Subject: 回访：水壶收到就坏了 [T-10042]');

    const exported = await mkdtemp(join(tmpdir(), 'triage-cli-export-'));
    expect((await triage(['templates', 'export', exported, 'apology'])).code).toBe(0);
    const check = await triage(['templates', 'check', exported]);
    expect(check.stdout).toContain('apology/en, apology/zh-Hans, apology/zh-Hant'); // the built-in sources pass the checks
    expect((await triage(['templates', 'export', exported, 'apology'])).stderr).toContain('EEXIST'); // never overwrites

    await writeFile(join(dir, 'follow-up', 'zh-Hans', 'html.hbs'), '<p>{{customerName}}{{#if satisfied}}!{{/if}}</p>');
    const bad = await triage(['templates', 'check', dir]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("follow-up/zh-Hans/html.hbs line 1: unknown variable 'satisfied'");
  });

  it('rejects an unknown command with one line on stderr', async () => {
    const result = await triage(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain("unknown command 'frobnicate'");
  });

  it('rejects an unknown flag and a missing file clearly', async () => {
    const flag = await triage(['classify', '--nope']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/^triage classify: .*--nope/);
    const missing = await triage(['classify', '/no/such/file.eml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe('triage classify: cannot read /no/such/file.eml');
    const dir = await mkdtemp(join(tmpdir(), 'triage-cli-sla-'));
    await writeFile(join(dir, 'sla.json'), '{"calendar":{"timeZone":"UTC","weeklyHours":{"mon":[["18:00","09:00"]]}}}');
    const sla = await triage(['run', '--sla-config', join(dir, 'sla.json')]);
    expect(sla.code).toBe(1);
    expect(sla.stderr.trim()).toBe(`triage run: ${join(dir, 'sla.json')}: calendar.weeklyHours.mon.0: the end must be after the start`);
    const run = await triage(['run', '/no/such/folder']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('triage run: no such file or folder: /no/such/folder');
  });

  it('runs as its own process and classifies an .eml from standard input as JSON', async () => {
    const eml = rawMail({ subject: 'Refund please', body: 'My order arrived damaged and I want a refund.' }).toString('utf8');
    const result = await triageProcess(['classify', '-'], eml);
    const parsed = JSON.parse(result.stdout) as { category: string; language: string; signals: unknown[] };
    expect(parsed.category).toBe('complaint');
    expect(parsed.language).toBe('en');
    expect(parsed.signals.length).toBeGreaterThan(0);
  });

  it('classifies JSONL rows in order, one line each, and names a bad row', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'triage-cli-'));
    const good = join(dir, 'rows.jsonl');
    await writeFile(good, ['{"id":"a","subject":"","body":"Where can I download my invoice?"}', '{"id":"b","body":"我要找律师起诉你们"}'].join('\n'));
    const result = await triage(['classify', '--jsonl', good]);
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; category: string; language: string });
    expect(lines.map((l) => [l.id, l.category, l.language])).toEqual([
      ['a', 'routine', 'en'],
      ['b', 'threat', 'zh-Hans'],
    ]);

    const bad = join(dir, 'bad.jsonl');
    await writeFile(bad, '{"id":"a","body":"ok"}\n{"id":"b"}\n');
    const failed = await triage(['classify', '--jsonl', bad]);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('bad.jsonl:2');
    expect(failed.stderr).toContain('body');
  });

  it('evaluates a labelled JSONL file per language', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'triage-eval-'));
    const corpus = join(dir, 'labelled.jsonl');
    await writeFile(
      corpus,
      [
        '{"id":"1","lang":"en","label":"routine","body":"How do I change my delivery address?"}',
        '{"id":"2","lang":"en","label":"threat","body":"I will sue your company."}',
        '{"id":"3","lang":"zh","label":"complaint","body":"东西坏了，我要退货"}',
      ].join('\n'),
    );
    const result = await triage(['eval', '--corpus', corpus, '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { overall: { rows: number; macroF1: number }; byLanguage: Record<string, { rows: number }> };
    expect(report.overall.rows).toBe(3);
    expect(report.overall.macroF1).toBe(1);
    expect(Object.keys(report.byLanguage)).toEqual(['en', 'zh']);
    expect((await triage(['eval'])).stderr.trim()).toBe('triage eval: --corpus FILE.jsonl is required');
  });
});
