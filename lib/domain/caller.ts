/** Who is calling the agent API, as their signed token says. */
export interface Caller {
  readonly name: string;
  readonly role: 'agent' | 'supervisor';
}

/** Turns a bearer token into a caller; throws UnauthenticatedError for a missing, expired or forged one. */
export interface TokenVerifier {
  verify(token: string): Promise<Caller>;
}
