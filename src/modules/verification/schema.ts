import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { currentTime } from '../../shared/clock.js';
import { cases } from '../cases/schema.js';
import { institutions } from '../institutions/schema.js';

export const documentKinds = ['receipt', 'reply_letter', 'referral'] as const;
export type DocumentKind = (typeof documentKinds)[number];

/**
 * The installation's Ed25519 keys. One is active (no `retiredAt`); rotating retires it and makes a new one,
 * and every key stays listed so that papers signed with an old key still verify. The private key is sealed
 * with a key derived from SECRET (AES-256-GCM); the id is the first 16 hex digits of the sha256 of the
 * public key (raw 32 bytes).
 */
export const signingKeys = pgTable(
  'signing_keys',
  {
    id: text('id').primaryKey(),
    /** The public key, SubjectPublicKeyInfo in PEM. */
    publicKey: text('public_key').notNull(),
    /** The private key (PKCS#8 DER), sealed with SECRET. */
    privateKeySealed: text('private_key_sealed').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  // at most one active key, even when two processes make the first one at once
  (t) => [uniqueIndex('signing_keys_one_active').on(sql`(true)`).where(sql`${t.retiredAt} is null`)],
);

/**
 * Every receipt and reply letter the platform issued: its public verification code, what it is, the sha256
 * of its bytes and the signature of the canonical string (`verification/codes.ts`). No personal data: the
 * tracking number and the body only.
 */
export const issuedDocuments = pgTable(
  'issued_documents',
  {
    code: text('code').primaryKey(),
    kind: text('kind').$type<DocumentKind>().notNull(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    trackingNumber: text('tracking_number').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    sha256: text('sha256').notNull(),
    signature: text('signature').notNull(),
    keyId: text('key_id')
      .notNull()
      .references(() => signingKeys.id),
  },
  (t) => [index('issued_documents_case_idx').on(t.caseId, t.kind)],
);
