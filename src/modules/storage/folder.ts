import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  assertNamed,
  BlobMissing,
  type BlobStore,
  blobKey,
  isSha256,
  StorageUnavailable,
  verified,
} from './blob-store.js';

/** A file's path in the folder: `<dir>/aa/bb/<sha256>`. */
export function folderBlobPath(dir: string, sha256: string): string {
  return path.join(dir, ...blobKey(sha256).split('/'));
}

const missing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

/** The local folder (`DATA_DIR/files`): each file written to a temporary name, then renamed into place. */
export function folderStore(dir: string): BlobStore {
  return {
    description: `folder ${dir}`,
    async put(sha256, bytes) {
      assertNamed(sha256, bytes);
      const target = folderBlobPath(dir, sha256);
      const exists = await stat(target).then(
        () => true,
        () => false,
      );
      if (exists) return;
      await mkdir(path.dirname(target), { recursive: true });
      const tmp = `${target}.${process.pid}.${randomUUID()}.tmp`;
      await writeFile(tmp, bytes, { flag: 'wx' });
      await rename(tmp, target);
    },
    async get(sha256) {
      const bytes = await readFile(folderBlobPath(dir, sha256)).catch((err) => {
        if (missing(err)) throw new BlobMissing(sha256);
        throw new StorageUnavailable(`cannot read stored file ${sha256}`, { cause: err });
      });
      return verified(sha256, bytes);
    },
    async has(sha256) {
      return stat(folderBlobPath(dir, sha256)).then(
        (s) => s.isFile(),
        () => false,
      );
    },
    async remove(sha256) {
      await rm(folderBlobPath(dir, sha256), { force: true });
    },
    async *list() {
      for (const a of await names(dir, PART))
        for (const b of await names(path.join(dir, a), PART))
          for (const name of await names(path.join(dir, a, b)))
            if (isSha256(name) && name.startsWith(a + b)) yield name;
    },
    async close() {},
  };
}

/** A folder of the layout: two hexadecimal digits. */
const PART = /^[0-9a-f]{2}$/;

/** The entries of a folder (those matching `only`), sorted; none when it does not exist. */
async function names(dir: string, only?: RegExp): Promise<string[]> {
  const all = await readdir(dir).catch((err) =>
    missing(err) || (err as NodeJS.ErrnoException).code === 'ENOTDIR' ? [] : Promise.reject(err),
  );
  return all.filter((n) => !only || only.test(n)).sort();
}
