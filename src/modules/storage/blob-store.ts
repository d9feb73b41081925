import { createHash } from 'node:crypto';

/**
 * Where the papers' bytes are kept, by their content: each file under its sha256, written once however many
 * papers hold it. Two stores: a folder (`DATA_DIR/files`, the default) and an S3-compatible bucket (`S3_*`).
 * Every read is checked against the sha256 it was asked by: bytes that do not match are never handed out.
 * See docs/decisions/2026-12-07-storage.md.
 */
export interface BlobStore {
  /** Where the files are, for logs and the command line (never a secret). */
  readonly description: string;
  /** Keeps these bytes under their sha256 (the caller's, checked); bytes already there are left as they are. */
  put(sha256: string, bytes: Buffer): Promise<void>;
  /** The bytes kept under this sha256, checked against it: `BlobMissing`, `BlobCorrupt` otherwise. */
  get(sha256: string): Promise<Buffer>;
  has(sha256: string): Promise<boolean>;
  /** Removes the bytes (nothing happens when they are not there). */
  remove(sha256: string): Promise<void>;
  /** The sha256 of every file kept, in no given order (the migration walks them). */
  list(): AsyncIterable<string>;
  close(): Promise<void>;
}

/** No file is kept under this sha256. */
export class BlobMissing extends Error {
  constructor(readonly sha256: string) {
    super(`no stored file ${sha256}`);
    this.name = 'BlobMissing';
  }
}

/** The bytes kept under this sha256 have another one: damaged or replaced, they are not served. */
export class BlobCorrupt extends Error {
  constructor(
    readonly sha256: string,
    readonly actual: string,
  ) {
    super(`stored file ${sha256} failed its sha256 check (its bytes hash to ${actual})`);
    this.name = 'BlobCorrupt';
  }
}

/** The store could not be reached or answered with an error (the bucket down, a disk failing). */
export class StorageUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageUnavailable';
  }
}

export const sha256Hex = (bytes: Buffer | Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export const isSha256 = (s: string) => /^[0-9a-f]{64}$/.test(s);

/** A file's place under the store's root: `aa/bb/<sha256>`, the same in the folder and in the bucket. */
export function blobKey(sha256: string): string {
  if (!isSha256(sha256)) throw new Error('not a sha256');
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

/** The sha256 a key `aa/bb/<sha256>` names, or null for anything else (a temporary file, a stray object). */
export function shaOfKey(key: string): string | null {
  const m = /^([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{64})$/.exec(key);
  return m && m[3]!.startsWith(m[1]! + m[2]!) ? m[3]! : null;
}

/** The bytes, if they hash to the sha256 they were asked by; `BlobCorrupt` otherwise. */
export function verified(sha256: string, bytes: Buffer): Buffer {
  const actual = sha256Hex(bytes);
  if (actual !== sha256) throw new BlobCorrupt(sha256, actual);
  return bytes;
}

/** A put's sha256 must be the bytes' own: a store never files bytes under another file's name. */
export function assertNamed(sha256: string, bytes: Buffer) {
  if (sha256Hex(bytes) !== sha256) throw new Error(`bytes given under ${sha256} hash to another sha256`);
}

/** Keeps the bytes under their sha256, which it returns. */
export async function storeBytes(store: BlobStore, bytes: Buffer): Promise<string> {
  const sha256 = sha256Hex(bytes);
  await store.put(sha256, bytes);
  return sha256;
}
