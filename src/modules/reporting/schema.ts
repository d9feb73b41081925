import { doublePrecision, integer, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { institutions } from '../institutions/schema.js';

/**
 * The oversight figures of each body as last computed, for the overseers who see many bodies at once (the
 * nation, a region): recomputed for all of them at most once a minute instead of on every page (see
 * `oversight.ts`). Figures only, no case and no person.
 */
export const oversightSnapshots = pgTable('oversight_snapshots', {
  institutionId: uuid('institution_id')
    .primaryKey()
    .references(() => institutions.id, { onDelete: 'cascade' }),
  open: integer('open').notNull(),
  overdue: integer('overdue').notNull(),
  pastDue: integer('past_due').notNull(),
  received90: integer('received90').notNull(),
  medianDaysToAnswer: doublePrecision('median_days_to_answer'),
  oldestOpenAt: timestamp('oldest_open_at', { withTimezone: true }),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
});
