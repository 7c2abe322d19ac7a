import type { SesReceivedNotification } from '../../lib/adapters/aws/ses-notification.ts';

/** The notification an SES receipt rule with an S3 action publishes, with passing verdicts unless told otherwise. */
export function receivedNotification(input: {
  bucket: string;
  key: string;
  sesMessageId: string;
  at?: string;
  verdicts?: Partial<SesReceivedNotification['receipt']>;
}): SesReceivedNotification {
  const at = input.at ?? '2026-11-24T10:00:00.000Z';
  return {
    notificationType: 'Received',
    receipt: {
      timestamp: at,
      recipients: ['support@example.com'],
      spamVerdict: { status: 'PASS' },
      virusVerdict: { status: 'PASS' },
      spfVerdict: { status: 'PASS' },
      dkimVerdict: { status: 'PASS' },
      dmarcVerdict: { status: 'PASS' },
      ...input.verdicts,
      action: { type: 'S3', bucketName: input.bucket, objectKey: input.key },
    },
    mail: { timestamp: at, source: 'sender@example.net', messageId: input.sesMessageId, destination: ['support@example.com'] },
  };
}
