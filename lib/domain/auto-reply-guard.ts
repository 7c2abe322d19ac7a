import type { Automation } from '../mail/automation.ts';
import type { SesReceivedNotification } from './ses-notification.ts';

/**
 * Why an automatic reply must not go out, or undefined when it may: mail a
 * machine wrote (RFC 3834), mail SES judged spam, infected or forged, mail
 * from our own addresses, and mail with no usable sender.
 */
export function autoReplyBlocker(
  automation: Automation,
  sender: string | undefined,
  receipt: SesReceivedNotification['receipt'],
  ownAddresses: readonly string[],
): string | undefined {
  if (!sender || !sender.includes('@')) return 'no-sender';
  if (automation.kind !== 'human') return `${automation.kind}:${automation.reason}`;
  const bare = (a: string) => a.toLowerCase().replace(/\+[^@]*@/, '@');
  if (ownAddresses.some((a) => bare(a) === bare(sender))) return 'own-address';
  if (receipt.virusVerdict?.status === 'FAIL') return 'virus';
  if (receipt.spamVerdict?.status === 'FAIL') return 'spam';
  if (receipt.dmarcVerdict?.status === 'FAIL') return 'dmarc-fail';
  if (receipt.spfVerdict?.status === 'FAIL' && receipt.dkimVerdict?.status === 'FAIL') return 'spf-and-dkim-fail';
  return undefined;
}
