import { z } from 'zod';
import { ConfigError } from '../../lib/domain/errors.ts';
import { describeZodError } from '../../lib/domain/zod-issues.ts';

/** What an admin sets for one deployment (cdk.json context `inboxTriage`); validated before anything is built. */
export const DeployConfigSchema = z.strictObject({
  /** Addresses (or whole domains) the receipt rule accepts, e.g. support@example.com. */
  recipients: z.array(z.string().regex(/^([^@\s]+@)?[a-z0-9.-]+\.[a-z]{2,}$/i, 'an address or a domain')).min(1),
  /** Display name on every reply. */
  teamName: z.string().min(1).max(80).default('Customer Support'),
  teamTimeZone: z.string().default('UTC'),
  /** Emails subscribed to the alerts topic (threats, SLA warnings and breaches). */
  alertEmails: z.array(z.email()).default([]),
  /** Days raw mail and attachments are kept in S3. */
  rawMailRetentionDays: z.number().int().min(1).max(3650).default(365),
  /** SLA policies and calendar, as in SLA_CONFIG (see README "SLA"). */
  sla: z.record(z.string(), z.unknown()).optional(),
  deletionProtection: z.boolean().default(true),
});
export type DeployConfig = z.infer<typeof DeployConfigSchema>;

export function parseDeployConfig(input: unknown): DeployConfig {
  const parsed = DeployConfigSchema.safeParse(input ?? {});
  if (!parsed.success) throw new ConfigError(`cdk.json context "inboxTriage": ${describeZodError(parsed.error)}`);
  return parsed.data;
}
