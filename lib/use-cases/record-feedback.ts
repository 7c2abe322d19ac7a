import type { SendingFeedback } from '../domain/inbound-delivery.ts';
import type { Clock, SuppressionStore } from '../domain/ports.ts';

export interface FeedbackDeps {
  readonly suppressions: SuppressionStore;
  readonly clock: Clock;
  readonly bounceSuppressionDays: number;
}

/** People who complained about our mail never get automatic mail again (ten years is "never" here). */
const COMPLAINT_SUPPRESSION_DAYS = 3650;

/**
 * SES feedback → the suppression list: a permanent bounce suppresses the
 * address for the bounce period, a complaint for good; transient bounces
 * (mailbox full, greylisting) and deliveries change nothing.
 */
export async function recordFeedback(feedback: SendingFeedback, deps: FeedbackDeps): Promise<{ suppressed: readonly string[]; reason?: string }> {
  const now = deps.clock.now();
  const days = (n: number) => new Date(now.getTime() + n * 86_400_000);
  if (feedback.kind === 'bounce' && feedback.permanent) {
    const reason = `ses-bounce:${feedback.subtype}:${feedback.sentMessageId}`;
    for (const a of feedback.addresses) await deps.suppressions.suppress(a, days(deps.bounceSuppressionDays), reason);
    return { suppressed: feedback.addresses, reason };
  }
  if (feedback.kind === 'complaint') {
    const reason = `ses-complaint:${feedback.feedbackType}:${feedback.sentMessageId}`;
    for (const a of feedback.addresses) await deps.suppressions.suppress(a, days(COMPLAINT_SUPPRESSION_DAYS), reason);
    return { suppressed: feedback.addresses, reason };
  }
  return { suppressed: [] };
}
