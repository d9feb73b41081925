import type { Database } from '../db/client.js';
import type { Lang } from '../i18n/index.js';
import type { Actor } from '../modules/accounts/actor.js';
import type { Counters } from '../modules/limits/counters.js';
import type { BlobStore } from '../modules/storage/blob-store.js';
import type { Config } from './config.js';

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
    actor: Actor | null;
  }
  interface FastifyInstance {
    deps: AppDeps;
  }
}

/**
 * `counters`: where every rate limit counts (the database, or Redis with `REDIS_URL`); `files`: where the
 * papers' bytes are kept (the folder `DATA_DIR/files`, or the bucket with `S3_ENDPOINT` and `S3_BUCKET`).
 */
export type AppDeps = { config: Config; database: Database; files: BlobStore; counters: Counters };
