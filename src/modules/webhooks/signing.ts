/**
 * Webhook secrets and signatures, after the Standard Webhooks specification: a secret is `whsec_` and the
 * base64 of 32 random bytes; a message is signed with HMAC-SHA256 over `<id>.<timestamp>.<body>`, keyed with
 * the secret's decoded bytes, and sent as `webhook-signature: v1,<base64>`. The platform keeps each secret
 * sealed (AES-256-GCM, key derived from SECRET) because it must read it back to sign.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';

/** A new signing secret, shown once to the body's administrator. */
export const newWebhookSecret = () => `${PREFIX}${randomBytes(32).toString('base64')}`;

const keyOf = (platformSecret: string) =>
  createHash('sha256').update(`jisr:webhook-secrets:${platformSecret}`).digest();

export function sealWebhookSecret(platformSecret: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(platformSecret), iv);
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

export function unsealWebhookSecret(platformSecret: string, sealed: string): string {
  const raw = Buffer.from(sealed, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(platformSecret), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/** The `webhook-signature` header of a message. */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');
  const mac = createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return `v1,${mac}`;
}

/** The three headers of a signed message (its id stays the same on every try). */
export function webhookHeaders(secret: string, id: string, timestampSeconds: number, body: string) {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': signWebhook(secret, id, timestampSeconds, body),
  };
}
