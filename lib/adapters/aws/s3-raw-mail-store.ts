import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { NotFoundError } from '../../domain/errors.ts';
import type { RawMailStore } from '../../domain/ports.ts';
import type { RawMailRef } from '../../domain/ticket.ts';
import { BUCKET_PREFIXES } from './bucket-layout.ts';

export class S3RawMailStore implements RawMailStore {
  constructor(private readonly s3: S3Client) {}

  async load(ref: RawMailRef): Promise<Buffer> {
    try {
      const out = await this.s3.send(new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key }));
      if (!out.Body) throw new NotFoundError(`s3://${ref.bucket}/${ref.key} has no body`);
      return Buffer.from(await out.Body.transformToByteArray());
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') {
        throw new NotFoundError(`Raw message s3://${ref.bucket}/${ref.key} does not exist`, { cause: error });
      }
      throw error;
    }
  }

  async putAttachment(ref: RawMailRef, index: number, filename: string, contentType: string, content: Buffer): Promise<string> {
    // Keyed by the raw object and position: a redelivery overwrites the same objects instead of adding copies.
    const safeName = filename.replace(/[^\w.-]+/g, '_').slice(-100) || 'attachment';
    const key = `${BUCKET_PREFIXES.attachments}${ref.key.split('/').pop()}/${index}-${safeName}`;
    await uploadObject(this.s3, ref.bucket, key, content, contentType);
    return key;
  }
}

const PART_BYTES = 8 * 1024 * 1024;

/**
 * Single PUT for small objects, multipart above 8 MiB (large attachments, 40 MB mail). The multipart
 * library is loaded only when an object needs it: most functions never pay for it at cold start.
 */
export async function uploadObject(s3: S3Client, bucket: string, key: string, body: Buffer, contentType?: string): Promise<void> {
  if (body.length <= PART_BYTES) {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ...(contentType ? { ContentType: contentType } : {}) }));
    return;
  }
  const { Upload } = await import('@aws-sdk/lib-storage');
  await new Upload({
    client: s3,
    params: { Bucket: bucket, Key: key, Body: body, ...(contentType ? { ContentType: contentType } : {}) },
    partSize: PART_BYTES,
    queueSize: 2,
  }).done();
}
