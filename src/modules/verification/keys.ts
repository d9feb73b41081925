/**
 * The installation's signing keys (Ed25519): made on first use, rotated with `npm run keys:rotate`, all
 * listed at `/.well-known/jisr-keys.json`. The private key is kept in the database, sealed with SECRET.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import { asc, eq, isNull } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { currentTime } from '../../shared/clock.js';
import { signingKeys } from './schema.js';

const sealKey = (secret: string) => createHash('sha256').update(`jisr:signing-keys:${secret}`).digest();

function seal(secret: string, plain: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(secret), iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

function unseal(secret: string, sealed: string): Buffer {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', sealKey(secret), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
}

/** The 32 bytes of an Ed25519 public key. */
export const rawPublicKey = (key: KeyObject) =>
  Buffer.from(key.export({ format: 'jwk' }).x as string, 'base64url');

/** A key's id: the first 16 hex digits of the sha256 of its raw public key. */
export const keyIdOf = (key: KeyObject) =>
  createHash('sha256').update(rawPublicKey(key)).digest('hex').slice(0, 16);

/** A new key pair as a row to insert (not yet active anywhere). */
function newKeyRow(secret: string, now: Date) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    id: keyIdOf(publicKey),
    publicKey: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    privateKeySealed: seal(secret, privateKey.export({ format: 'der', type: 'pkcs8' })),
    createdAt: now,
  };
}

export type SigningKey = { id: string; sign(text: string): string };

/** The active key, made now if the installation has none (two processes at once: one wins, both use it). */
export async function activeKey(db: Executor, secret: string, now = currentTime()): Promise<SigningKey> {
  let [row] = await db.select().from(signingKeys).where(isNull(signingKeys.retiredAt));
  if (!row) {
    await db.insert(signingKeys).values(newKeyRow(secret, now)).onConflictDoNothing();
    [row] = await db.select().from(signingKeys).where(isNull(signingKeys.retiredAt));
  }
  const privateKey = createPrivateKey({
    key: unseal(secret, row!.privateKeySealed),
    format: 'der',
    type: 'pkcs8',
  });
  return {
    id: row!.id,
    sign: (text) => sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64'),
  };
}

/** Retires the active key (if any) and makes a new one, in one transaction; answers the new key's id. */
export async function rotateKey(db: Db, secret: string, now = currentTime()) {
  return db.transaction(async (tx) => {
    const retired = await tx
      .update(signingKeys)
      .set({ retiredAt: now })
      .where(isNull(signingKeys.retiredAt))
      .returning({ id: signingKeys.id });
    const row = newKeyRow(secret, now);
    await tx.insert(signingKeys).values(row);
    return { id: row.id, retired: retired.map((r) => r.id) };
  });
}

/** Every key, oldest first, public part only: what a third party needs to verify offline. */
export async function publicKeys(db: Executor) {
  const rows = await db.select().from(signingKeys).orderBy(asc(signingKeys.createdAt));
  return rows.map((r) => {
    const key = createPublicKey(r.publicKey);
    return {
      id: r.id,
      algorithm: 'Ed25519' as const,
      publicKey: rawPublicKey(key).toString('base64'),
      publicKeyPem: r.publicKey,
      created: r.createdAt,
      retired: r.retiredAt,
    };
  });
}

/** Whether a signature (base64) of a text is the given key's; false for an unknown key. */
export async function verifySignature(db: Executor, keyId: string, text: string, signature: string) {
  const [row] = await db
    .select({ publicKey: signingKeys.publicKey })
    .from(signingKeys)
    .where(eq(signingKeys.id, keyId));
  if (!row) return false;
  return verify(
    null,
    Buffer.from(text, 'utf8'),
    createPublicKey(row.publicKey),
    Buffer.from(signature, 'base64'),
  );
}
