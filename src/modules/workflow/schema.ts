import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, primaryKey, smallint, timestamp, uuid } from 'drizzle-orm/pg-core';
import { currentTime } from '../../shared/clock.js';
import { accounts } from '../accounts/schema.js';
import { cases } from '../cases/schema.js';

/**
 * One row per step the deadline watch took on a case: 0 the reminder to its holder, 1 the escalation to the
 * body's supervisors, 2 the escalation to the territory's overseers. The key holds the due date the step was
 * taken for (its "due cycle"): a case given a new due date (reopened, extended) is watched again, but the same
 * step for the same due date is recorded once, so two workers walking the same cases never both take it.
 */
export const deadlineSteps = pgTable(
  'deadline_steps',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    level: smallint('level').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.level, t.dueAt] }),
    // the digests read the escalations recorded since a recipient's last one
    index('deadline_steps_created_idx').on(t.createdAt).where(sql`${t.level} > 0`),
  ],
);

/**
 * The daily summary of escalations sent to one supervisor or overseer: at most one per account and Moroccan
 * day (the key), covering the escalations recorded up to `coversUntil`; the next one starts from there.
 */
export const escalationDigests = pgTable(
  'escalation_digests',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    coversUntil: timestamp('covers_until', { withTimezone: true }).notNull(),
    cases: integer('cases').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.day] })],
);
