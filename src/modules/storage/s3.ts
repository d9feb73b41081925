import { createHash } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import {
  assertNamed,
  BlobMissing,
  type BlobStore,
  blobKey,
  StorageUnavailable,
  shaOfKey,
  verified,
} from './blob-store.js';

export type S3Settings = {
  endpoint: string;
  bucket: string;
  region: string;
  /** Keys start with `<prefix>/` when set (several platforms in one bucket); no slash at either end. */
  prefix: string;
  /** `https://endpoint/bucket/key` (self-hosted servers) rather than `https://bucket.endpoint/key`. */
  forcePathStyle: boolean;
  /** Unset: the SDK's own chain (AWS_* variables, profile, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
};

type Sdk = typeof import('@aws-sdk/client-s3');

const notThere = (err: unknown) => {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
};

/**
 * An S3-compatible bucket (MinIO, Garage, Ceph, a cloud's object storage): the keys are the folder's paths,
 * `aa/bb/<sha256>`, under the prefix. The SDK is loaded on first use, so a platform on the folder never loads
 * it. It computes no checksum of its own unless the operation requires one (self-hosted servers do not all
 * accept the newer checksum headers): each write sends its Content-MD5, which every S3 server checks, and each
 * read is checked against its sha256 here.
 */
export function s3Store(s: S3Settings): BlobStore {
  let opened: Promise<{ sdk: Sdk; client: S3Client }> | null = null;
  const open = () => {
    opened ??= import('@aws-sdk/client-s3').then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        endpoint: s.endpoint,
        region: s.region,
        forcePathStyle: s.forcePathStyle,
        ...(s.credentials && { credentials: s.credentials }),
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        maxAttempts: 3,
        requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
      }),
    }));
    return opened;
  };
  const key = (sha256: string) => (s.prefix ? `${s.prefix}/${blobKey(sha256)}` : blobKey(sha256));
  const where = `bucket ${s.bucket} at ${s.endpoint}${s.prefix ? ` (prefix ${s.prefix}/)` : ''}`;
  const unavailable = (what: string, err: unknown) => {
    const e = err as { name?: string; message?: string };
    return new StorageUnavailable(`${what} in ${where}: ${e.name ?? 'Error'}: ${e.message ?? err}`, {
      cause: err,
    });
  };

  return {
    description: where,
    async put(sha256, bytes) {
      assertNamed(sha256, bytes);
      const { sdk, client } = await open();
      await client
        .send(
          new sdk.PutObjectCommand({
            Bucket: s.bucket,
            Key: key(sha256),
            Body: bytes,
            ContentLength: bytes.length,
            ContentType: 'application/octet-stream',
            ContentMD5: createHash('md5').update(bytes).digest('base64'),
          }),
        )
        .catch((err) => {
          throw unavailable(`cannot write ${sha256}`, err);
        });
    },
    async get(sha256) {
      const { sdk, client } = await open();
      const bytes = await client
        .send(new sdk.GetObjectCommand({ Bucket: s.bucket, Key: key(sha256) }))
        .then(async (r) => {
          const body = await r.Body!.transformToByteArray();
          return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
        })
        .catch((err) => {
          if (notThere(err) && (err as { name?: string }).name !== 'NoSuchBucket')
            throw new BlobMissing(sha256);
          throw unavailable(`cannot read ${sha256}`, err);
        });
      return verified(sha256, bytes);
    },
    async has(sha256) {
      const { sdk, client } = await open();
      return client.send(new sdk.HeadObjectCommand({ Bucket: s.bucket, Key: key(sha256) })).then(
        () => true,
        (err) => {
          if (notThere(err)) return false;
          throw unavailable(`cannot look for ${sha256}`, err);
        },
      );
    },
    async remove(sha256) {
      const { sdk, client } = await open();
      await client.send(new sdk.DeleteObjectCommand({ Bucket: s.bucket, Key: key(sha256) })).catch((err) => {
        if (!notThere(err)) throw unavailable(`cannot remove ${sha256}`, err);
      });
    },
    async *list() {
      const { sdk, client } = await open();
      const start = s.prefix ? `${s.prefix}/` : '';
      let token: string | undefined;
      do {
        const page = await client
          .send(
            new sdk.ListObjectsV2Command({
              Bucket: s.bucket,
              ...(start && { Prefix: start }),
              ContinuationToken: token,
            }),
          )
          .catch((err) => {
            throw unavailable('cannot list the files', err);
          });
        for (const o of page.Contents ?? []) {
          const sha256 = o.Key?.startsWith(start) ? shaOfKey(o.Key.slice(start.length)) : null;
          if (sha256) yield sha256;
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },
    async close() {
      if (opened) (await opened).client.destroy();
      opened = null;
    },
  };
}
