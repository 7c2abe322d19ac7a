import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

const serviceName = 'inbox-triage';

/** One logger for every function; the function name comes from the Lambda context. */
export const logger = new Logger({ serviceName });

/** CloudWatch metrics as EMF log lines (SLA attainment, volume); no API calls on the hot path. */
export const metrics = new Metrics({ serviceName, namespace: 'InboxTriage' });
