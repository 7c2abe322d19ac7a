import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalIdentity, startLocalIdentity } from '../../infra/local/local-identity.ts';
import { createJwtVerifier } from '../../lib/adapters/jwt-verifier.ts';
import { UnauthenticatedError } from '../../lib/domain/errors.ts';
import { TestClock } from '../helpers/clock.ts';

describe('JWT verifier (against a published JWKS, as for Cognito)', () => {
  let identity: LocalIdentity;
  beforeAll(async () => {
    identity = await startLocalIdentity();
  });
  afterAll(async () => {
    await identity?.stop();
  });

  it('accepts a fresh token with its role, and refuses it once it has expired', async () => {
    const clock = new TestClock(new Date());
    const verifier = createJwtVerifier({ jwksUrl: identity.jwksUrl, issuer: identity.issuer, audience: identity.audience }, clock);
    const token = await identity.signIn('lead', 'lead-local');
    expect(await verifier.verify(token)).toEqual({ name: 'lead', role: 'supervisor' });
    clock.advance(9 * 3600_000); // tokens live 8 hours
    await expect(verifier.verify(token)).rejects.toThrow(new UnauthenticatedError('the token has expired: sign in again'));
  });

  it('refuses a token for another audience or issuer', async () => {
    const token = await identity.signIn('agent1', 'agent1-local');
    await expect(createJwtVerifier({ jwksUrl: identity.jwksUrl, issuer: identity.issuer, audience: 'another-client' }).verify(token)).rejects.toThrow(UnauthenticatedError);
    await expect(createJwtVerifier({ jwksUrl: identity.jwksUrl, issuer: 'https://elsewhere.example', audience: identity.audience }).verify(token)).rejects.toThrow(
      UnauthenticatedError,
    );
  });
});
