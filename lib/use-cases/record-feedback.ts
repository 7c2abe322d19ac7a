import type { Clock, SuppressionStore } from '../domain/ports.ts';
import type { SesFeedbackNotification } from '../domain/ses-notification.ts';

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
export async function recordFeedback(notification: SesFeedbackNotification, deps: FeedbackDeps): Promise<{ suppressed: string[]; reason?: string }> {
  const now = deps.clock.now();
  const days = (n: number) => new Date(now.getTime() + n * 86_400_000);
  if (notification.notificationType === 'Bounce' && notification.bounce.bounceType === 'Permanent') {
    const reason = `ses-bounce:${notification.bounce.bounceSubType ?? 'Permanent'}:${notification.mail.messageId}`;
    const addresses = notification.bounce.bouncedRecipients.map((r) => r.emailAddress.toLowerCase());
    for (const a of addresses) await deps.suppressions.suppress(a, days(deps.bounceSuppressionDays), reason);
    return { suppressed: addresses, reason };
  }
  if (notification.notificationType === 'Complaint') {
    const reason = `ses-complaint:${notification.complaint.complaintFeedbackType ?? 'abuse'}:${notification.mail.messageId}`;
    const addresses = notification.complaint.complainedRecipients.map((r) => r.emailAddress.toLowerCase());
    for (const a of addresses) await deps.suppressions.suppress(a, days(COMPLAINT_SUPPRESSION_DAYS), reason);
    return { suppressed: addresses, reason };
  }
  return { suppressed: [] };
}
