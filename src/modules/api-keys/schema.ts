import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { currentTime } from '../../shared/clock.js';
import { accounts } from '../accounts/schema.js';
import { institutions } from '../institutions/schema.js';
import type { ApiKeyScope } from './contract.js';

export { type ApiKeyScope, apiKeyScopes } from './contract.js';

/**
 * A body's keys for other systems (its records office, a city app). The key itself is shown once, when it is
 * made, and kept only as a keyed hash; its prefix names it in lists and logs. Revoked keys stay, for the
 * audit trail.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    label: text('label').notNull(),
    scopes: jsonb('scopes').$type<ApiKeyScope[]>().notNull(),
    prefix: text('prefix').notNull().unique(),
    secretHash: text('secret_hash').notNull(),
    createdBy: uuid('created_by').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => accounts.id),
  },
  (t) => [index('api_keys_institution_idx').on(t.institutionId, t.createdAt)],
);
