import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { proxy } from 'hono/proxy';
import { CONSOLE_HEADERS, consoleContentSecurityPolicy } from '../console-security.ts';
import { type RunningHttpServer, serveOnLoopback } from './http-server.ts';

const CONSOLE_DIR = join(fileURLToPath(import.meta.url), '..', '..', '..', 'console');
export const CONSOLE_DIST = join(CONSOLE_DIR, 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export interface ConsoleTargets {
  /** The agent API the console calls (under `/api` of its own origin, so no CORS and `connect-src 'self'`). */
  readonly apiUrl: string;
  /** The stand-in identity service whose `/token` endpoint signs agents in (under `/auth/token`). */
  readonly identityUrl: string;
}

/**
 * Builds the console (Vite) when its build is missing or older than its
 * sources, so `npm start` always serves what is in `console/src`.
 */
export async function ensureConsoleBuilt(): Promise<string> {
  const built = await stat(join(CONSOLE_DIST, 'index.html')).catch(() => undefined);
  if (built && built.mtimeMs >= (await newestSource())) return CONSOLE_DIST;
  const { build } = await import('vite');
  await build({ configFile: join(CONSOLE_DIR, 'vite.config.ts'), logLevel: 'warn' });
  return CONSOLE_DIST;
}

async function newestSource(): Promise<number> {
  let newest = 0;
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else newest = Math.max(newest, (await stat(path)).mtimeMs);
    }
  };
  await walk(join(CONSOLE_DIR, 'src'));
  await walk(join(CONSOLE_DIR, 'public'));
  for (const file of ['index.html', 'vite.config.ts']) newest = Math.max(newest, (await stat(join(CONSOLE_DIR, file))).mtimeMs);
  return newest;
}

/**
 * The agent console on a loopback port: the built files, a `config.json`
 * telling it to sign in with a password, and the agent API and token
 * endpoint passed through under the same origin. The same headers as
 * CloudFront sends (CSP, no framing).
 */
export async function serveConsole(targets: ConsoleTargets, dist: string = CONSOLE_DIST): Promise<RunningHttpServer> {
  const app = new Hono();
  const headers = { 'content-security-policy': consoleContentSecurityPolicy(), ...CONSOLE_HEADERS };
  app.use('*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  });
  app.get('/config.json', (c) => c.json({ apiBase: '/api', auth: { kind: 'password', tokenUrl: '/auth/token' } }));
  app.post('/auth/token', (c) => proxy(`${targets.identityUrl}/token`, { raw: c.req.raw }));
  app.all('/api/*', (c) => {
    const url = new URL(c.req.url);
    return proxy(`${targets.apiUrl}${url.pathname.slice('/api'.length)}${url.search}`, { raw: c.req.raw });
  });
  app.get('*', async (c) => {
    let wanted: string;
    try {
      wanted = normalize(decodeURIComponent(new URL(c.req.url).pathname)).replace(/^([/\\])+/, '');
    } catch {
      return c.text('bad path', 400);
    }
    const path = join(dist, wanted === '' ? 'index.html' : wanted);
    if (!path.startsWith(dist + sep) && path !== dist) return c.text('not found', 404);
    const body = await readFile(path).catch(() => undefined);
    if (!body) return c.text('not found', 404);
    const type = TYPES[extname(path)] ?? 'application/octet-stream';
    // Hashed assets never change; the page and its config are always fetched fresh.
    const cache = path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
    return c.body(body, 200, { 'content-type': type, 'cache-control': cache });
  });
  return serveOnLoopback(app.fetch);
}
