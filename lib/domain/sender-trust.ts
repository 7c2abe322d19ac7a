import type { InboundDelivery } from './inbound-delivery.ts';

/**
 * Whether the receiving checks vouch for the sender named in From. Only
 * DMARC ties the From domain to the checks; a domain with no DMARC policy
 * (GRAY) is taken on a passing SPF or DKIM check. Spam, a virus, a DMARC
 * failure, or no passing check at all leaves the sender unverified:
 * such mail may open a ticket, but never joins an existing one nor adds
 * anyone to a ticket.
 */
export function senderVerified(verdicts: InboundDelivery['verdicts']): boolean {
  if (verdicts.virus === 'FAIL' || verdicts.spam === 'FAIL' || verdicts.dmarc === 'FAIL') return false;
  if (verdicts.dmarc === 'PASS') return true;
  return verdicts.spf === 'PASS' || verdicts.dkim === 'PASS';
}
