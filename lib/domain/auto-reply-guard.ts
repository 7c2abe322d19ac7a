import type { SesReceivedNotification } from './ses-notification.ts';

/**
 * Decides whether an automatic reply may go out (RFC 3834 and SES verdicts).
 * Returns the reason it may not, e.g. `auto-submitted`, or undefined when it may.
 * A first cut; the real-mail issue (#4) adds rate limits, bounce content checks and more.
 */
export function autoReplyBlocker(
  headers: ReadonlyMap<string, string>,
  from: string,
  receipt: SesReceivedNotification['receipt'],
  ownAddresses: readonly string[],
): string | undefined {
  const autoSubmitted = headers.get('auto-submitted')?.toLowerCase();
  if (autoSubmitted && !autoSubmitted.startsWith('no')) return 'auto-submitted';
  if (headers.has('x-auto-response-suppress')) return 'x-auto-response-suppress';
  if (/^(bulk|junk|list)$/i.test(headers.get('precedence') ?? '')) return 'precedence';
  if (headers.has('list-id') || headers.has('list-unsubscribe')) return 'mailing-list';
  if (headers.has('x-autoreply') || headers.has('x-autorespond')) return 'x-autoreply';
  if (/multipart\/report/i.test(headers.get('content-type') ?? '')) return 'delivery-report';
  const local = from.split('@')[0]?.toLowerCase() ?? '';
  if (/^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|bounces?)(\+|$)/.test(local)) return 'automated-sender';
  if (ownAddresses.some((a) => a.toLowerCase() === from.toLowerCase())) return 'own-address';
  if (receipt.spamVerdict?.status === 'FAIL') return 'spam';
  if (receipt.virusVerdict?.status === 'FAIL') return 'virus';
  if (receipt.dmarcVerdict?.status === 'FAIL') return 'dmarc-fail';
  if (receipt.spfVerdict?.status === 'FAIL' && receipt.dkimVerdict?.status === 'FAIL') return 'spf-and-dkim-fail';
  return undefined;
}
