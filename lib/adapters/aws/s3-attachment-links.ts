import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { AttachmentLinks } from '../../domain/ports.ts';

/** Attachments stay private in S3; an agent gets a link that works for a few minutes. */
export class S3AttachmentLinks implements AttachmentLinks {
  constructor(
    private readonly s3: S3Client,
    private readonly expiresInSeconds = 15 * 60,
  ) {}

  linkFor(bucket: string, key: string, filename: string): Promise<string> {
    const safe = filename.replace(/["\\\r\n]/g, '_');
    return getSignedUrl(this.s3, new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentDisposition: `attachment; filename="${safe}"` }), {
      expiresIn: this.expiresInSeconds,
    });
  }
}
