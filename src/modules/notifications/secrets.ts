import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Secrets in messages (the secret code of a case's receipt) are never stored in clear in the outbox. The
 * stored subject and bodies hold a mark (`⟦code⟧`); the value travels beside them sealed with AES-256-GCM
 * under a key derived from SECRET, is put in at the moment of sending, and the sealed copy is dropped once a
 * provider has the message. Staff reading the outbox see "code sent" where the code was.
 */
export type MessageSecrets = { code?: string };

export const secretMark = (name: keyof MessageSecrets) => `⟦${name}⟧`;
const MARKS = /⟦(code)⟧/g;

const keyOf = (secret: string) => createHash('sha256').update(`jisr:message-secrets:${secret}`).digest();

export function sealSecrets(secret: string, values: MessageSecrets): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(values), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

export function unsealSecrets(secret: string, sealed: string): MessageSecrets {
  const raw = Buffer.from(sealed, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'));
}

/** Replaces each mark in a text by a value (the secret itself when sending, a mask when showing staff). */
export function fillMarks(text: string, value: (name: keyof MessageSecrets) => string): string {
  return text.replace(MARKS, (_, name: keyof MessageSecrets) => value(name));
}

type Sealable = {
  subject: string;
  textBody: string;
  htmlBody: string | null;
  payload: Record<string, unknown>;
  sealedSecrets: string | null;
};

/** The message as it must go out: its marks replaced by the sealed values. */
export function revealSecrets<T extends Sealable>(n: T, secret: string): T {
  if (!n.sealedSecrets) return n;
  const values = unsealSecrets(secret, n.sealedSecrets);
  const put = (s: string) => fillMarks(s, (name) => values[name] ?? '');
  return {
    ...n,
    subject: put(n.subject),
    textBody: put(n.textBody),
    htmlBody: n.htmlBody === null ? null : put(n.htmlBody),
    payload: JSON.parse(put(JSON.stringify(n.payload))),
  };
}
