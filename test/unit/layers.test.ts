import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const DEPCRUISE = join(ROOT, 'node_modules', '.bin', 'depcruise');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');

const projects: string[] = [];
afterAll(() => Promise.all(projects.map((dir) => rm(dir, { recursive: true, force: true }))));

/** A miniature project of these files (a tsconfig that resolves `.ts` imports added), in a temporary folder removed after the tests. */
async function miniProject(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'triage-layers-'));
  projects.push(dir);
  const tsconfig = JSON.stringify({ compilerOptions: { allowImportingTsExtensions: true, noEmit: true, module: 'NodeNext', moduleResolution: 'NodeNext' } });
  for (const [path, content] of Object.entries({ 'tsconfig.json': tsconfig, ...files })) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

async function cruise(cwd: string, paths: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await promisify(execFile)(DEPCRUISE, [...paths, '--config', CONFIG, '--output-type', 'err'], { cwd });
    return { code: 0, output: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, output: e.stdout };
  }
}

describe('layers (dependency-cruiser rules)', () => {
  it('fail on a wrong-way import: the domain reaching an adapter, lib reaching infra', async () => {
    // Prepare: a miniature project with two imports the rules forbid
    const dir = await miniProject({
      'lib/domain/ticket.ts': "import { store } from '../adapters/aws/store.ts';\nexport const ticket = store;\n",
      'lib/adapters/aws/store.ts': 'export const store = 1;\n',
      'lib/use-cases/run.ts': "import { topology } from '../../infra/topology.ts';\nexport const run = topology;\n",
      'infra/topology.ts': 'export const topology = 2;\n',
    });

    // Act
    const result = await cruise(dir, ['lib', 'infra']);

    // Assess
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('domain-is-pure: lib/domain/ticket.ts → lib/adapters/aws/store.ts');
    expect(result.output).toContain('use-cases-through-ports: lib/use-cases/run.ts → infra/topology.ts');
  });

  it('keep classic zod to the agent API: everywhere else zod is lib/domain/zod.ts (zod/mini)', async () => {
    // Prepare: a miniature project with a copy of the installed zod (its exports map resolves to type files)
    const dir = await miniProject({
      'lib/domain/ticket.ts': "import { z } from 'zod';\nexport const ticket = z;\n",
      'lib/domain/zod.ts': "import { config } from 'zod/mini';\nimport en from 'zod/v4/locales/en.js';\nexport { config, en };\n",
      'functions/mailer/handler.ts': "import * as z from 'zod/v4';\nexport const handler = z;\n",
      'functions/agent-api/app.ts': "import { z } from 'zod';\nexport const app = z;\n",
    });
    await cp(join(ROOT, 'node_modules', 'zod'), join(dir, 'node_modules', 'zod'), { recursive: true });

    // Act
    const result = await cruise(dir, ['lib', 'functions']);

    // Assess
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/classic-zod-only-in-the-agent-api: lib\/domain\/ticket\.ts → node_modules\/zod\//);
    expect(result.output).toMatch(/classic-zod-only-in-the-agent-api: functions\/mailer\/handler\.ts → node_modules\/zod\//);
    expect(result.output).not.toContain('lib/domain/zod.ts →');
    expect(result.output).not.toContain('functions/agent-api/app.ts →');
  });
});
