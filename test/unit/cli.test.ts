import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { VERDICT_TOOL_NAME } from '../../lib/classify/second-opinion.ts';
import { triage } from '../helpers/cli.ts';
import { ConverseStandIn, toolAnswer } from '../helpers/converse-stand-in.ts';
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

const NOWHERE = '/no/such/path';

/** The conventions every command follows: what it prints, on which stream, and the exit code (0 ok, 1 failure, 2 usage). */
describe('triage command-line conventions', () => {
  it.each<[string, string[], number, RegExp, 'stdout' | 'stderr']>([
    ['--version', ['--version'], 0, /^triage \d+\.\d+\.\d+\n$/, 'stdout'],
    ['-V', ['-V'], 0, /^triage \d+\.\d+\.\d+\n$/, 'stdout'],
    ['bare triage prints help', [], 0, /^Usage: triage <command>[\s\S]*-V, --version[\s\S]*-h, --help[\s\S]*Exit codes: 0 success, 1 failure/, 'stdout'],
    ['help', ['help'], 0, /^Usage: triage <command>/, 'stdout'],
    ['a mistyped command', ['quees'], 2, /^triage: unknown command 'quees'; did you mean 'queues'\? \(see 'triage --help'\)\n$/, 'stderr'],
    ['an unknown command', ['frobnicate'], 2, /^triage: unknown command 'frobnicate' \(see 'triage --help'\)\n$/, 'stderr'],
    ['an unknown top-level option', ['--frob'], 2, /^triage: unknown option '--frob' \(see 'triage --help'\)\n$/, 'stderr'],
    ['a mistyped flag', ['run', '--jsno'], 2, /^triage run: unknown option '--jsno'; did you mean --json\? \(see 'triage run --help'\)\n$/, 'stderr'],
    ['a prefix of a flag', ['templates', 'list', '--di', 'x'], 2, /^triage templates: unknown option '--di'; did you mean --dir\?/, 'stderr'],
    ['a flag without its value', ['run', '--sla-config'], 2, /^triage run: option --sla-config needs a value \(see 'triage run --help'\)\n$/, 'stderr'],
    ['a flag that takes no value', ['parse', '--json=yes', 'x.eml'], 2, /^triage parse: option --json takes no value/, 'stderr'],
    ['a mistyped subcommand', ['templates', 'lst'], 2, /^triage templates: unknown subcommand 'lst'; did you mean 'list'\? \(use 'templates list', /, 'stderr'],
    ['a missing subcommand', ['sla'], 2, /^triage sla: missing subcommand: the only subcommand is 'report'\n$/, 'stderr'],
    ['a mistyped template', ['templates', 'preview', 'apolgy'], 2, /^triage templates: unknown template 'apolgy'; did you mean 'apology'\?/, 'stderr'],
    ['run: missing mail', ['run', NOWHERE], 2, /^triage run: no such file or folder: \/no\/such\/path\n$/, 'stderr'],
    ['run: missing SLA config', ['run', '--sla-config', NOWHERE], 2, /^triage run: cannot read \/no\/such\/path\n$/, 'stderr'],
    ['run: missing templates', ['run', '--templates', NOWHERE], 2, /^triage run: cannot read \/no\/such\/path: no such folder \(--templates: template overrides\)\n$/, 'stderr'],
    ['start: missing SLA config', ['start', '--sla-config', NOWHERE], 2, /^triage start: cannot read \/no\/such\/path\n$/, 'stderr'],
    ['start: missing templates', ['start', '--templates', NOWHERE], 2, /^triage start: cannot read \/no\/such\/path: no such folder/, 'stderr'],
    ['classify: missing message', ['classify', NOWHERE], 2, /^triage classify: cannot read \/no\/such\/path: no such file\n$/, 'stderr'],
    ['classify: missing JSONL', ['classify', '--jsonl', NOWHERE], 2, /^triage classify: cannot read \/no\/such\/path\n$/, 'stderr'],
    ['classify: missing config', ['classify', '--config', NOWHERE, 'x.eml'], 2, /^triage classify: cannot read \/no\/such\/path\n$/, 'stderr'],
    ['parse: missing message', ['parse', NOWHERE], 2, /^triage parse: cannot read \/no\/such\/path: no such file\n$/, 'stderr'],
    ['parse: a folder', ['parse', '/tmp'], 2, /^triage parse: cannot read \/tmp: it is a folder\n$/, 'stderr'],
    ['parse: missing manifest', ['parse', '--manifest', NOWHERE], 2, /^triage parse: cannot read \/no\/such\/path\n$/, 'stderr'],
    [
      'parse: not a message',
      ['parse', join(import.meta.dirname, '..', '..', 'README.md')],
      2,
      /^triage parse: \S+README\.md is not an email message \(no header block with From, To, Subject or Date\); give a raw \.eml file as a mail client saves it$/m,
      'stderr',
    ],
    ['eval: missing corpus', ['eval', '--corpus', NOWHERE], 2, /^triage eval: cannot read \/no\/such\/path\n$/, 'stderr'],
    ['eval: missing model', ['eval', '--corpus', NOWHERE, '--model', NOWHERE], 2, /^triage eval: cannot read \/no\/such\/path\n$/, 'stderr'],
    ['train: missing corpus', ['train', '--corpus', NOWHERE], 2, /^triage train: cannot read \/no\/such\/path\n$/, 'stderr'],
    ['templates check: missing folder', ['templates', 'check', NOWHERE], 2, /^triage templates: cannot read \/no\/such\/path: no such folder \(template overrides\)\n$/, 'stderr'],
    ['templates --dir: missing folder', ['templates', 'list', '--dir', NOWHERE], 2, /^triage templates: cannot read \/no\/such\/path: no such folder/, 'stderr'],
    [
      'templates check: a file',
      ['templates', 'check', join(import.meta.dirname, '..', '..', 'README.md')],
      2,
      /^triage templates: cannot read \S+README\.md: not a folder/,
      'stderr',
    ],
    [
      'sla: stopped stack',
      ['sla', 'report', '--endpoint', 'http://127.0.0.1:1'],
      1,
      /^triage sla: nothing answers at 127\.0\.0\.1:1: is the local stack running\? Start it with 'npm start'/,
      'stderr',
    ],
    ['dlq: stopped stack', ['dlq', 'list', '--endpoint', 'http://127.0.0.1:1'], 1, /^triage dlq: nothing answers at 127\.0\.0\.1:1: is the local stack running\?/, 'stderr'],
    [
      'feedback: stopped stack',
      ['feedback', 'export', '--endpoint', 'http://127.0.0.1:1'],
      1,
      /^triage feedback: nothing answers at 127\.0\.0\.1:1: is the local stack running\?/,
      'stderr',
    ],
  ])('%s', async (_name, args, code, expected, stream) => {
    const result = await triage(args);
    expect(result.code).toBe(code);
    expect(result[stream]).toMatch(expected);
    if (code !== 0) expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('names missing AWS credentials and what to do, without asking any network for them', async () => {
    const saved = { ...process.env };
    for (const key of [
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_PROFILE',
      'AWS_WEB_IDENTITY_TOKEN_FILE',
      'AWS_CONTAINER_CREDENTIALS_FULL_URI',
      'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
      'TRIAGE_DYNAMODB_ENDPOINT',
    ])
      delete process.env[key];
    // No instance metadata service either: the credential chain must end here, on this machine.
    Object.assign(process.env, { AWS_EC2_METADATA_DISABLED: 'true', AWS_SHARED_CREDENTIALS_FILE: NOWHERE, AWS_CONFIG_FILE: NOWHERE });
    try {
      const result = await triage(['sla', 'report']);
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(
        "triage sla: no AWS credentials found: run 'aws configure' or 'aws sso login' (or set AWS_PROFILE), or give --endpoint to use the local stack ('npm start' prints the command)",
      );
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });

  it('shows a template syntax error whole: file, line, the text around it and what was expected', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'triage-cli-syntax-'));
    await mkdir(join(dir, 'acknowledgement', 'en'), { recursive: true });
    await writeFile(join(dir, 'acknowledgement', 'en', 'subject.hbs'), 'Re: {{customerSubject}} [{{ticketId}}]');
    await writeFile(join(dir, 'acknowledgement', 'en', 'text.hbs'), 'Hello {{customerName}},\n\nYour ticket is {{ticketId}.\n');
    await writeFile(join(dir, 'acknowledgement', 'en', 'html.hbs'), '<p>{{#if excerpt}}{{excerpt}}</p>');
    const result = await triage(['templates', 'check', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`acknowledgement/en/text.hbs line 3: syntax error near "ticket is {{ticketId}": found a character that does not belong there, expected }}`);
    expect(result.stderr).toContain('acknowledgement/en/html.hbs line 1: syntax error near');
    expect(result.stderr).toContain('a block or tag is never closed');
  });
});

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
  ])('%s --help prints usage, lists -h, --help, and exits 0', async (command) => {
    const result = await triage([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: triage ${command}`);
    expect(result.stdout).toMatch(/^ {2}-h, --help +show this help$/m);
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
    const again = await triage(['templates', 'export', exported, 'apology']);
    expect(again.code).toBe(2);
    expect(again.stderr.trim()).toBe(`triage templates: ${join(exported, 'apology', 'en', 'subject.hbs')} already exists: export into a new folder (nothing is ever overwritten)`);

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
    expect(missing.stderr.trim()).toBe('triage classify: cannot read /no/such/file.eml: no such file');
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
    expect((await triage(['eval'])).stderr.trim()).toBe("triage eval: --corpus FILE.jsonl is required (see 'triage eval --help')");
  });

  it('measures the Bedrock second opinion on the rows left for review, within a budget (against a local Converse endpoint)', async () => {
    const standIn = await ConverseStandIn.start(() => toolAnswer(VERDICT_TOOL_NAME, { category: 'complaint', confidence: 0.9, reason: 'unhappy' }));
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ENDPOINT_URL_BEDROCK_RUNTIME: standIn.endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
    try {
      const dir = await mkdtemp(join(tmpdir(), 'triage-eval-bedrock-'));
      const corpus = join(dir, 'labelled.jsonl');
      await writeFile(
        corpus,
        ['{"id":"1","label":"routine","body":"How do I change my delivery address on my account?"}', '{"id":"2","label":"complaint","body":"meh."}'].join('\n'),
      );
      const result = await triage(['eval', '--corpus', corpus, '--json', '--backend', 'bedrock']);
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout) as { overall: { macroF1: number }; secondOpinion: { asked: number; answered: number; modelId: string; reservedUsd: number } };
      expect(report.secondOpinion).toMatchObject({ asked: 1, answered: 1, modelId: 'amazon.nova-micro-v1:0' });
      expect(report.secondOpinion.reservedUsd).toBeGreaterThan(0);
      expect(standIn.requests).toHaveLength(1);
      expect(standIn.requests[0]?.body.messages[0]?.content[0]?.text).toContain('meh.');

      const broke = await triage(['eval', '--corpus', corpus, '--backend', 'bedrock', '--budget-usd', '0.000001']);
      expect(broke.stdout).toContain('not answered: budget-exhausted 1');
      expect(standIn.requests).toHaveLength(1);
      expect((await triage(['eval', '--corpus', corpus, '--backend', 'llm'])).stderr).toContain('--backend takes combined, rules, model, bedrock');
    } finally {
      process.env = saved;
      await standIn.stop();
    }
  });
});

describe('customer text in the terminal', () => {
  it('reaches it without control characters: no escape sequence from a subject or a body moves the cursor or retitles the window', async () => {
    // Prepare: a subject whose encoded word decodes to an OSC title sequence, a body that clears the screen
    const dir = await mkdtemp(join(tmpdir(), 'triage-cli-terminal-'));
    const file = join(dir, 'hostile.eml');
    await writeFile(file, rawMail({ subject: '=?utf-8?q?=1B]0;pwned=07Refund_please?=', body: 'Line one\u001b[2J\rLine two\nLine three' }));

    // Act
    const { stdout, code } = await triage(['parse', file]);

    // Assess
    expect(code).toBe(0);
    expect(stdout).toContain('Refund please');
    expect(stdout).toContain('Line three');
    expect(stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });
});
