import type { AwsClients } from '../../lib/adapters/aws/clients.ts';
import { DynamoSuppressionStore } from '../../lib/adapters/aws/dynamo-suppression-store.ts';
import { DynamoTicketRepository } from '../../lib/adapters/aws/dynamo-ticket-repository.ts';
import { S3AttachmentLinks } from '../../lib/adapters/aws/s3-attachment-links.ts';
import { SqsOutboundQueue } from '../../lib/adapters/aws/sqs-outbound-queue.ts';
import { createJwtVerifier } from '../../lib/adapters/jwt-verifier.ts';
import type { AgentApiEnv } from '../../lib/config/function-env.ts';
import { type Clock, systemClock } from '../../lib/domain/ports.ts';
import { loadSlaConfig } from '../../lib/domain/sla/sla-config.ts';
import { TemplateCatalog } from '../../templates/catalog.ts';
import { TemplateMailRenderer } from '../../templates/mail-renderer.ts';
import { createAgentApi } from './app.ts';

/** Composition root of the agent API: the same app behind API Gateway in AWS and on a local port. */
export function createAgentApiApp(env: AgentApiEnv, clients: Pick<AwsClients, 'documents' | 's3' | 'sqs'>, clock: Clock = systemClock) {
  const renderer = new TemplateMailRenderer(TemplateCatalog.builtIn());
  return createAgentApi({
    tickets: new DynamoTicketRepository(clients.documents, env.TABLE_NAME),
    outbound: new SqsOutboundQueue(clients.sqs, env.OUTBOUND_QUEUE_URL),
    suppressions: new DynamoSuppressionStore(clients.documents, env.TABLE_NAME),
    attachments: new S3AttachmentLinks(clients.s3),
    clock,
    config: loadSlaConfig(env.SLA_CONFIG),
    verifier: createJwtVerifier({ jwksUrl: env.AUTH_JWKS_URL, issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE }),
    renderer: async () => renderer,
    teamName: env.TEAM_NAME,
    ...(env.TEAM_NAMES ? { teamNames: env.TEAM_NAMES } : {}),
    timeZone: env.TEAM_TIME_ZONE,
    claimTimeoutMinutes: env.CLAIM_TIMEOUT_MINUTES,
  });
}
