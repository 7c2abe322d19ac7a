import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import type { Caller, TokenVerifier } from '../domain/caller.ts';
import { UnauthenticatedError } from '../domain/errors.ts';

export interface JwtVerifierConfig {
  /** Where the signing keys are published (Cognito: https://cognito-idp.REGION.amazonaws.com/POOL/.well-known/jwks.json). */
  readonly jwksUrl: string;
  readonly issuer: string;
  /** The app client id the tokens were issued to. */
  readonly audience: string;
}

/**
 * Verifies Cognito ID tokens (and the local stack's tokens, which are the
 * same kind of JWT): signature against the published keys, issuer, audience
 * (`aud`), expiry, `token_use: id`. The caller's name is `cognito:username`,
 * the role comes from the `cognito:groups` claim (supervisor wins over agent).
 */
export function createJwtVerifier(config: JwtVerifierConfig, clock: { now(): Date } = { now: () => new Date() }): TokenVerifier {
  const keys = createRemoteJWKSet(new URL(config.jwksUrl));
  return {
    async verify(token: string): Promise<Caller> {
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          issuer: config.issuer,
          audience: config.audience,
          algorithms: ['RS256'],
          requiredClaims: ['exp'],
          currentDate: clock.now(),
        }));
      } catch (error) {
        const why = error instanceof errors.JWTExpired ? 'the token has expired: sign in again' : 'the token is not valid';
        throw new UnauthenticatedError(why, { cause: error });
      }
      if (payload.token_use !== 'id') throw new UnauthenticatedError('the token is not an ID token');
      const name = payload['cognito:username'];
      const groups = Array.isArray(payload['cognito:groups']) ? (payload['cognito:groups'] as unknown[]) : [];
      if (typeof name !== 'string' || !name) throw new UnauthenticatedError('the token names no user');
      if (groups.includes('supervisor')) return { name, role: 'supervisor' };
      if (groups.includes('agent')) return { name, role: 'agent' };
      throw new UnauthenticatedError(`${name} is in neither the agent nor the supervisor group`);
    },
  };
}
