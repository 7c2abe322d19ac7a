import { type SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { SendRejectedError } from '../../domain/errors.ts';
import type { MailSender } from '../../domain/ports.ts';

// Errors about this message alone; anything else (throttling, account paused, outages) is thrown as is so SQS retries.
const MESSAGE_REJECTED = new Set(['MessageRejected', 'InvalidParameterValue', 'MailFromDomainNotVerifiedException']);

export class SesMailSender implements MailSender {
  constructor(
    private readonly ses: SESClient,
    private readonly configurationSet?: string,
  ) {}

  async sendRaw(raw: Buffer, envelope: { from: string; to: readonly string[] }): Promise<{ messageId: string }> {
    const out = await this.ses
      .send(
        new SendRawEmailCommand({
          RawMessage: { Data: raw },
          Source: envelope.from,
          Destinations: [...envelope.to],
          ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
        }),
      )
      .catch((error: Error) => {
        if (MESSAGE_REJECTED.has(error.name)) throw new SendRejectedError(`SES rejected the message: ${error.name}: ${error.message}`, { cause: error });
        throw error;
      });
    if (!out.MessageId) throw new Error('SES accepted the message but returned no MessageId');
    return { messageId: out.MessageId };
  }
}
