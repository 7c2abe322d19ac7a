import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { type RunningHttpServer, serveOnLoopback } from './http-server.ts';

/** The users a fresh local stack knows; passwords are for this machine only and printed by `npm start`. */
export interface LocalUser {
  readonly username: string;
  readonly password: string;
  readonly groups: readonly ('agent' | 'supervisor')[];
}

export const LOCAL_USERS: readonly LocalUser[] = [
  { username: 'agent1', password: 'agent1-local', groups: ['agent'] },
  { username: 'agent2', password: 'agent2-local', groups: ['agent'] },
  { username: 'lead', password: 'lead-local', groups: ['agent', 'supervisor'] },
];

export const LOCAL_CLIENT_ID = 'inbox-triage-local';
const TOKEN_HOURS = 8;

export interface LocalIdentity extends RunningHttpServer {
  readonly jwksUrl: string;
  readonly issuer: string;
  readonly audience: string;
  /** Signs a token for a seeded user, as the token endpoint would (tests sign in with it). */
  signIn(username: string, password: string): Promise<string>;
}

/**
 * A stand-in for the Cognito user pool on one machine: an RSA key made at
 * start, its public half published as a JWKS, and a token endpoint that
 * issues ID tokens of the same shape Cognito does (`cognito:username`,
 * `cognito:groups`, `token_use: id`, `aud` = client id). The agent API
 * verifies them exactly as it verifies Cognito's: there is no bypass.
 */
export async function startLocalIdentity(users: readonly LocalUser[] = LOCAL_USERS): Promise<LocalIdentity> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'local-1', alg: 'RS256', use: 'sig' };
  let issuer = '';
  const signIn = async (username: string, password: string): Promise<string> => {
    const user = users.find((u) => u.username === username);
    if (!user || !sameText(user.password, password)) throw new Error('unknown user or wrong password');
    return new SignJWT({ 'cognito:username': user.username, 'cognito:groups': [...user.groups], token_use: 'id' })
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid! })
      .setIssuer(issuer)
      .setAudience(LOCAL_CLIENT_ID)
      .setSubject(user.username)
      .setIssuedAt()
      .setExpirationTime(`${TOKEN_HOURS}h`)
      .sign(privateKey);
  };
  const app = new Hono();
  app.get('/.well-known/jwks.json', (c) => c.json({ keys: [jwk] }));
  app.post('/token', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { username?: unknown; password?: unknown };
    if (typeof body.username !== 'string' || typeof body.password !== 'string') return c.json({ error: 'username and password are required' }, 400);
    try {
      return c.json({ idToken: await signIn(body.username, body.password), expiresIn: TOKEN_HOURS * 3600 });
    } catch {
      return c.json({ error: 'unknown user or wrong password' }, 401);
    }
  });
  const server = await serveOnLoopback(app.fetch);
  issuer = server.url;
  return { ...server, jwksUrl: `${server.url}/.well-known/jwks.json`, issuer, audience: LOCAL_CLIENT_ID, signIn };
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
