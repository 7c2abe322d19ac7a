import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { SendRawEmailCommandInput, SendRawEmailCommandOutput } from '@aws-sdk/client-ses';
import type { AwsClients } from '../../lib/adapters/aws/clients.ts';
import { bucket as bucketSpec } from '../topology.ts';

/**
 * The local SES keeps from/to/subject/body but drops custom headers, so the
 * local stack also keeps the exact raw MIME of every send, under `sent/<SES message id>.eml`.
 */
export function recordSentMail(clients: AwsClients, bucket: string, onSent?: (raw: Uint8Array) => void): void {
  clients.ses.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === 'SendRawEmailCommand') {
        const input = args.input as SendRawEmailCommandInput;
        const output = result.output as SendRawEmailCommandOutput;
        if (input.RawMessage?.Data && output.MessageId) {
          await clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: `${bucketSpec.sentPrefix}${output.MessageId}.eml`, Body: input.RawMessage.Data }));
          onSent?.(input.RawMessage.Data);
        }
      }
      return result;
    },
    { step: 'initialize', name: 'recordSentRawMime' },
  );
}
