import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { blobKey } from '../../src/modules/storage/blob-store.js';
import { fixture } from './platform.js';

/** s3rver's own keys: it checks every request's signature against them. */
const KEY = 'S3RVER';

/**
 * A real S3-compatible server (s3rver) on a free local port, its objects in a new temporary folder, with one
 * bucket; `env` gives the platform the settings to use it, `client` reads and writes the bucket beside it
 * (to look at what the platform stored, or to damage an object).
 */
export async function startS3(opts: { bucket?: string; prefix?: string } = {}) {
  const bucket = opts.bucket ?? 'jisr-papers';
  const dir = await mkdtemp(path.join(tmpdir(), 'jisr-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: KEY, secretAccessKey: KEY },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const keyOf = (sha256: string) => (opts.prefix ? `${opts.prefix}/${blobKey(sha256)}` : blobKey(sha256));
  return {
    endpoint,
    bucket,
    env: {
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: KEY,
      S3_SECRET_ACCESS_KEY: KEY,
      ...(opts.prefix && { S3_PREFIX: opts.prefix }),
    } as Record<string, string>,
    keyOf,
    /** The object's bytes, or null when the bucket has none under that key. */
    async object(key: string): Promise<Buffer | null> {
      try {
        const r = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return Buffer.from(await r.Body!.transformToByteArray());
      } catch (err) {
        if ((err as { name?: string }).name === 'NoSuchKey') return null;
        throw err;
      }
    },
    /** Writes these bytes under the key, whatever they are (to damage a stored file). */
    async overwrite(key: string, bytes: Buffer) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes }));
    },
    async keys(): Promise<string[]> {
      const out: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }),
        );
        out.push(...(page.Contents ?? []).map((o) => o.Key!));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return out.sort();
    },
    async close() {
      client.destroy();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export type S3Server = Awaited<ReturnType<typeof startS3>>;

/** The S3 server of a `describe` block (see `fixture`): started before the platform, closed after it. */
export const useS3 = (opts?: Parameters<typeof startS3>[0]) =>
  fixture(
    'the S3 server',
    () => startS3(opts),
    (s) => s.close(),
  );
