/**
 * The address a citizen's reply comes back to: `reply+<case>.<account>.<mac>@<INBOUND_MAIL_DOMAIN>`, where
 * `<case>` is the case's tracking number, `<account>` the person the e-mail was sent to (their id in base32)
 * and `<mac>` an HMAC-SHA256 of both under a key derived from SECRET, cut to 50 bits. Lower case throughout
 * (mail systems may change the case of an address), at most 64 characters before the `@` (RFC 5321).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const MAC_LENGTH = 10;

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function fromBase32(text: string): Buffer {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of text) {
    value = (value << 5) | ALPHABET.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

const uuidToRef = (id: string) => base32(Buffer.from(id.replace(/-/g, ''), 'hex'));
const refToUuid = (ref: string) =>
  fromBase32(ref)
    .toString('hex')
    .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

const keyOf = (secret: string) => createHash('sha256').update(`jisr:email-reply:${secret}`).digest();

const macOf = (secret: string, trackingNumber: string, accountId: string) =>
  base32(createHmac('sha256', keyOf(secret)).update(`${trackingNumber}\n${accountId}`).digest()).slice(
    0,
    MAC_LENGTH,
  );

/** The reply address of one case for one person. */
export function replyAddress(
  secret: string,
  domain: string,
  to: { trackingNumber: string; accountId: string },
): string {
  const tn = to.trackingNumber.toUpperCase();
  const local = `reply+${tn.toLowerCase()}.${uuidToRef(to.accountId)}.${macOf(secret, tn, to.accountId)}`;
  return `${local}@${domain.toLowerCase()}`;
}

const REPLY = /^reply\+([a-z]{2,8}-\d{4}-\d{6,})\.([a-z2-7]{26})\.([a-z2-7]{10})$/;

export type ReplyToken =
  | { ok: true; trackingNumber: string; accountId: string }
  | { ok: false; error: 'malformed' | 'tampered' };

/** Reads a reply address's part before the `@`; null when it is not one (another kind of address). */
export function readReplyToken(secret: string, localPart: string): ReplyToken | null {
  const local = localPart.toLowerCase();
  if (!local.startsWith('reply+')) return null;
  const m = REPLY.exec(local);
  if (!m) return { ok: false, error: 'malformed' };
  const trackingNumber = m[1]!.toUpperCase();
  const accountId = refToUuid(m[2]!);
  if (uuidToRef(accountId) !== m[2]) return { ok: false, error: 'malformed' };
  const expected = Buffer.from(macOf(secret, trackingNumber, accountId));
  const given = Buffer.from(m[3]!);
  if (!timingSafeEqual(expected, given)) return { ok: false, error: 'tampered' };
  return { ok: true, trackingNumber, accountId };
}
