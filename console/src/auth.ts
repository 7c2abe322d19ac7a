import * as z from 'zod/mini';
import type { ConsoleConfig } from './config.ts';

/** Who is signed in, as far as the console needs to know: the API checks the token itself on every call. */
export interface Session {
  readonly token: string;
  readonly username: string;
  readonly supervisor: boolean;
  readonly expiresAt: number;
}

const STORAGE_KEY = 'inbox-triage.session';
const PKCE_KEY = 'inbox-triage.pkce';

const ClaimsSchema = z.object({
  'cognito:username': z.string(),
  'cognito:groups': z.optional(z.array(z.string())),
  exp: z.number(),
});

/** Reads the (already signed) ID token's claims for display; it is the API, not the console, that trusts them. */
export function sessionFromToken(token: string): Session {
  const payload = token.split('.')[1];
  if (!payload) throw new Error('not a JWT');
  const json = new TextDecoder().decode(Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));
  const claims = ClaimsSchema.parse(JSON.parse(json));
  return { token, username: claims['cognito:username'], supervisor: (claims['cognito:groups'] ?? []).includes('supervisor'), expiresAt: claims.exp * 1000 };
}

/** The session kept for this tab only (sessionStorage): closing the tab signs out. */
export function storedSession(now = Date.now()): Session | undefined {
  const token = sessionStorage.getItem(STORAGE_KEY);
  if (!token) return undefined;
  try {
    const session = sessionFromToken(token);
    return session.expiresAt > now ? session : undefined;
  } catch {
    return undefined;
  }
}

export function keepSession(session: Session): void {
  sessionStorage.setItem(STORAGE_KEY, session.token);
}

export function forgetSession(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}

const TokenAnswer = z.object({ idToken: z.string().check(z.minLength(10)) });

/** Local stack: user name and password to the stand-in identity service, which answers with an ID token. */
export async function signInWithPassword(tokenUrl: string, username: string, password: string): Promise<Session> {
  const response = await fetch(tokenUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!response.ok) throw new Error(String(response.status));
  return sessionFromToken(TokenAnswer.parse(await response.json()).idToken);
}

type CognitoAuth = Extract<ConsoleConfig['auth'], { kind: 'cognito' }>;

function base64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** AWS: to Cognito's hosted UI (authorization code with PKCE; the user pool asks for the password and MFA). */
export async function startCognitoSignIn(auth: CognitoAuth): Promise<void> {
  const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64Url(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state }));
  const url = new URL('/oauth2/authorize', auth.domain);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: auth.clientId,
    redirect_uri: auth.redirectUri,
    scope: 'openid profile',
    code_challenge_method: 'S256',
    code_challenge: challenge,
    state,
  }).toString();
  location.assign(url.toString());
}

const PkceState = z.object({ verifier: z.string(), state: z.string() });
const CognitoTokens = z.object({ id_token: z.string().check(z.minLength(10)) });

/** Back from the hosted UI with `?code=…&state=…`: trade the code for tokens, then clean the address bar. */
export async function finishCognitoSignIn(auth: CognitoAuth, current: URL): Promise<Session | undefined> {
  const code = current.searchParams.get('code');
  const state = current.searchParams.get('state');
  const saved = sessionStorage.getItem(PKCE_KEY);
  if (!code || !state || !saved) return undefined;
  sessionStorage.removeItem(PKCE_KEY);
  const pkce = PkceState.parse(JSON.parse(saved));
  history.replaceState(null, '', current.pathname + current.hash);
  if (pkce.state !== state) throw new Error('sign-in state does not match');
  const response = await fetch(new URL('/oauth2/token', auth.domain), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: auth.clientId, code, redirect_uri: auth.redirectUri, code_verifier: pkce.verifier }),
  });
  if (!response.ok) throw new Error(`token endpoint: HTTP ${response.status}`);
  return sessionFromToken(CognitoTokens.parse(await response.json()).id_token);
}

/** AWS: ends the hosted UI's own session too, so the next sign-in asks for the password again. */
export function cognitoSignOut(auth: CognitoAuth): void {
  const url = new URL('/logout', auth.domain);
  url.search = new URLSearchParams({ client_id: auth.clientId, logout_uri: auth.redirectUri }).toString();
  location.assign(url.toString());
}
