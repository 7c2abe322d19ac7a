import { type SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { SendOutcomeUnknownError, SendRejectedError } from '../../domain/errors.ts';
import type { MailSender } from '../../domain/ports.ts';

// Errors about this message alone: retrying cannot help.
const MESSAGE_REJECTED = new Set(['MessageRejected', 'InvalidParameterValue', 'MailFromDomainNotVerifiedException']);

// Answers SES gives before it takes a message (throttling, paused sending, bad credentials), and
// failures to reach it at all: each proves nothing was sent, so the job may be retried.
const REFUSED = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'AccountSendingPausedException',
  'ConfigurationSetSendingPausedException',
  'ConfigurationSetDoesNotExistException',
  'AccessDenied',
  'AccessDeniedException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'ExpiredTokenException',
  'CredentialsProviderError',
]);
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

type SdkError = Error & { code?: string; $fault?: string; $metadata?: { httpStatusCode?: number } };

/** Whether SES's answer proves the message was not taken: a 4xx answer, or no connection at all. */
export function provesNotSent(error: SdkError): boolean {
  const status = error.$metadata?.httpStatusCode;
  if (REFUSED.has(error.name)) return true;
  if (error.code && NOT_CONNECTED.has(error.code)) return true;
  return status !== undefined && status >= 400 && status < 500;
}

/**
 * SES SendRawEmail, with its failures sorted by what they prove: rejected
 * for good (SendRejectedError), refused for now (the SDK's error, retried by
 * the queue), or outcome unknown (SendOutcomeUnknownError: a timeout, a
 * reset connection, a 5xx — SES may have sent it). The client must not
 * retry SendRawEmail itself (`createAwsClients` gives SES one attempt):
 * a retry inside the SDK would repeat a send whose outcome is unknown.
 */
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
      .catch((error: SdkError) => {
        if (MESSAGE_REJECTED.has(error.name)) throw new SendRejectedError(`SES rejected the message: ${error.name}: ${error.message}`, { cause: error });
        if (provesNotSent(error)) throw error;
        throw new SendOutcomeUnknownError(`SES may have sent the message: ${error.name}: ${error.message}`, { cause: error });
      });
    if (!out.MessageId) throw new SendOutcomeUnknownError('SES answered without a MessageId');
    return { messageId: out.MessageId };
  }
}
