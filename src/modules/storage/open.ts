import type { Config } from '../../server/config.js';
import type { BlobStore } from './blob-store.js';
import { folderStore } from './folder.js';
import { s3Store } from './s3.js';

/** The store the configuration names: the bucket when `S3_ENDPOINT` and `S3_BUCKET` are set, else the folder. */
export function openBlobStore(config: Pick<Config, 'filesDir' | 's3'>): BlobStore {
  return config.s3 ? s3Store(config.s3) : folderStore(config.filesDir);
}
