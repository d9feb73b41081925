import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { currentTime } from '../../shared/clock.js';
import type { Language } from '../accounts/schema.js';
import { apiKeys } from '../api-keys/schema.js';
import { cases } from '../cases/schema.js';
import { caseCategories } from '../catalog/schema.js';
import { institutions } from '../institutions/schema.js';

/** What an Open311 client sent that Jisr does not use for a case, kept as text on the pending request. */
export type Open311Extras = { lat?: string; long?: string; address_string?: string; media_url?: string };

/**
 * A request another system filed through Open311 for a citizen, waiting for the citizen to confirm it from
 * the link e-mailed to them. `token` is the public Open311 token the client polls; the link's secret is kept
 * only as a keyed hash (`confirm_hash`), so the client, which never sees the e-mail, cannot confirm for the
 * person. Once confirmed the case exists: the person's data is emptied from here (it lives on the case) and
 * only the token, the case and the key remain. Unconfirmed rows are deleted when they expire.
 */
export const open311Requests = pgTable(
  'open311_requests',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    token: text('token').notNull().unique(),
    confirmHash: text('confirm_hash').notNull().unique(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => caseCategories.id),
    apiKeyId: uuid('api_key_id')
      .notNull()
      .references(() => apiKeys.id),
    language: text('language').$type<Language>().notNull(),
    email: text('email'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    phone: text('phone'),
    description: text('description'),
    fields: jsonb('fields').$type<Record<string, string | number>>(),
    extras: jsonb('extras').$type<Open311Extras>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    caseId: uuid('case_id').references(() => cases.id),
  },
  (t) => [index('open311_requests_expires_idx').on(t.expiresAt)],
);
