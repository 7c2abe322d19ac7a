import type { Automation } from './automation.ts';
import type { InboundDelivery } from './inbound-delivery.ts';

/**
 * Why an automatic reply must not go out, or undefined when it may: mail a
 * machine wrote (RFC 3834), mail SES judged spam, infected or forged, mail
 * from our own addresses, and mail with no usable sender.
 */
export function autoReplyBlocker(automation: Automation, sender: string | undefined, verdicts: InboundDelivery['verdicts'], ownAddresses: readonly string[]): string | undefined {
  if (!sender?.includes('@')) return 'no-sender';
  if (automation.kind !== 'human') return `${automation.kind}:${automation.reason}`;
  const bare = (a: string) => a.toLowerCase().replace(/\+[^@]*@/, '@');
  if (ownAddresses.some((a) => bare(a) === bare(sender))) return 'own-address';
  if (verdicts.virus === 'FAIL') return 'virus';
  if (verdicts.spam === 'FAIL') return 'spam';
  if (verdicts.dmarc === 'FAIL') return 'dmarc-fail';
  // A forger's server fails SPF and signs nothing: SPF failing with no DKIM signature that passes is enough.
  if (verdicts.spf === 'FAIL' && verdicts.dkim !== 'PASS') return 'spf-fail';
  return undefined;
}
