import { GetObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import { NotFoundError } from '../../domain/errors.ts';
import type { RawMailStore } from '../../domain/ports.ts';
import type { RawMailRef } from '../../domain/ticket.ts';

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
}
