import { SendRawEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import type { MailSender } from '../../domain/ports.ts';

export class SesMailSender implements MailSender {
  constructor(
    private readonly ses: SESClient,
    private readonly configurationSet?: string,
  ) {}

  async sendRaw(raw: Buffer, envelope: { from: string; to: readonly string[] }): Promise<{ messageId: string }> {
    const out = await this.ses.send(
      new SendRawEmailCommand({
        RawMessage: { Data: raw },
        Source: envelope.from,
        Destinations: [...envelope.to],
        ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
      }),
    );
    if (!out.MessageId) throw new Error('SES accepted the message but returned no MessageId');
    return { messageId: out.MessageId };
  }
}
