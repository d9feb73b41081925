/** The answers of the public verification of papers: the routes declare them, the web app takes its types. */
import { z } from 'zod';
import { names, storedDateTime } from '../../shared/contract.js';

export const verifiedDocument = z.object({
  code: z.string(),
  /** The code as printed on the paper (3-4-3). */
  displayCode: z.string(),
  kind: z.enum(['receipt', 'reply_letter', 'referral']),
  institution: z.object({ code: z.string(), ...names }),
  issuedAt: storedDateTime,
  trackingNumber: z.string(),
  /** The sha256 of the document's bytes, in lowercase hex. */
  sha256: z.string(),
  /** Ed25519 signature (base64) of `signed`, by the key `keyId` of `/.well-known/jisr-keys.json`. */
  signature: z.string(),
  keyId: z.string(),
  /** The canonical string that was signed. */
  signed: z.string(),
  /** Whether the signature verifies with the platform's key. */
  authentic: z.boolean(),
});

export const documentCheck = z.object({
  authentic: z.boolean(),
  reason: z.enum(['matches', 'altered', 'signature-invalid']),
  /** The sha256 of the file checked. */
  sha256: z.string(),
});

export const signingKeyList = z.object({
  keys: z.array(
    z.object({
      id: z.string(),
      algorithm: z.literal('Ed25519'),
      /** The raw 32-byte public key, base64. */
      publicKey: z.string(),
      /** The same as SubjectPublicKeyInfo, PEM (for openssl). */
      publicKeyPem: z.string(),
      created: storedDateTime,
      retired: storedDateTime.nullable(),
    }),
  ),
  canonical: z.string(),
});
