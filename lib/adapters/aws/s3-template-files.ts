import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { MAX_OVERRIDE_FILES, type TemplateFile } from '../../../templates/catalog.ts';
import { ConfigError } from '../../domain/errors.ts';

/** Reads template overrides from a bucket prefix; paths are relative to the prefix. */
export async function readTemplateFiles(s3: S3Client, bucket: string, prefix: string): Promise<TemplateFile[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const object of page.Contents ?? []) if (object.Key && !object.Key.endsWith('/')) keys.push(object.Key);
    if (keys.length > MAX_OVERRIDE_FILES) throw new ConfigError(`s3://${bucket}/${prefix} holds more than ${MAX_OVERRIDE_FILES} files`);
    token = page.NextContinuationToken;
  } while (token);
  return Promise.all(
    keys.map(async (key) => {
      const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return { path: key.slice(prefix.length), content: (await out.Body?.transformToString('utf-8')) ?? '' };
    }),
  );
}
