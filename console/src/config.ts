import * as z from 'zod/mini';

/**
 * Where the console finds the agent API and how agents sign in, read from
 * `config.json` beside the bundle: the local stack writes one (password
 * sign-in through its stand-in identity service), the CDK stack another
 * (Cognito's hosted UI). The bundle itself holds no address and no secret.
 */
const ConfigSchema = z.object({
  apiBase: z.string().check(z.minLength(1)),
  auth: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('password'), tokenUrl: z.string().check(z.minLength(1)) }),
    z.object({
      kind: z.literal('cognito'),
      domain: z.url(),
      clientId: z.string().check(z.minLength(1)),
      redirectUri: z.url(),
    }),
  ]),
});
export type ConsoleConfig = z.infer<typeof ConfigSchema>;

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('./config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  const parsed = ConfigSchema.safeParse(await response.json());
  if (!parsed.success) throw new Error(`config.json: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
