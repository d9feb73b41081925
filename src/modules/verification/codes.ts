/**
 * Verification codes and the string the platform signs: pure rules, shared with the tests and the decision
 * note's offline recipe (docs/decisions/2026-12-07-verifiable-papers.md).
 */
import { createHash, createHmac } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so that a code read aloud or typed is not mistaken. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 10;

/** A code of 10 symbols (50 bits) from bytes (a keyed hash of the document, see `service.ts`). */
export function codeFromBytes(bytes: Uint8Array): string {
  let bits = 0n;
  for (const b of bytes.subarray(0, 7)) bits = (bits << 8n) | BigInt(b);
  bits >>= 6n; // 56 bits read, 50 kept
  let out = '';
  for (let i = 0; i < CODE_LENGTH; i++) {
    out = ALPHABET[Number(bits & 31n)] + out;
    bits >>= 5n;
  }
  return out;
}

/**
 * A code as printed, in three groups (3-4-3): never the 5-5 shape of the secret code of a case, so that
 * the public code and the secret one are not confused.
 */
export const displayCode = (code: string) => `${code.slice(0, 3)}-${code.slice(3, 7)}-${code.slice(7)}`;

/** A typed code as stored: capitals, no spaces or dashes, O read as 0 and I or L as 1; null when not a code. */
export function normalizeCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return code.length === CODE_LENGTH && [...code].every((c) => ALPHABET.includes(c)) ? code : null;
}

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The code of a document: a keyed hash of what it is and of its content, so the same paper keeps its code. */
export function documentCode(secret: string, what: string, contentSha256: string): string {
  return codeFromBytes(
    createHmac('sha256', `jisr:verification:${secret}`).update(`${what}|${contentSha256}`).digest(),
  );
}

export type SignedFacts = {
  code: string;
  kind: string;
  institutionCode: string;
  trackingNumber: string;
  issuedAt: Date;
  sha256: string;
};

/**
 * What is signed, in UTF-8: `jisr-document-v1|code|kind|institution code|tracking number|issued at (ISO 8601,
 * UTC, milliseconds)|sha256 (lowercase hex)`.
 */
export const canonicalString = (f: SignedFacts) =>
  [
    'jisr-document-v1',
    f.code,
    f.kind,
    f.institutionCode,
    f.trackingNumber,
    f.issuedAt.toISOString(),
    f.sha256,
  ].join('|');
