import { sql } from 'drizzle-orm';
import {
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
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

/**
 * A step the citizen took up the ladder of a case they are owed an answer on: 1 to the body's supervisors,
 * 2 to the territory's overseers, 3 the referral file for the Mediator of the Kingdom or the national
 * complaints portal. One row per case and level (the key): a repeated click or two tabs record it once. The
 * citizen's words are on the case's timeline (the `citizen_escalated` event), where the retention job removes them.
 */
export const citizenEscalations = pgTable(
  'citizen_escalations',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    level: smallint('level').notNull(),
    /** Why: the deadline passed ('overdue') or the citizen disputes the answer ('contest'). */
    grounds: text('grounds').$type<'overdue' | 'contest'>().notNull(),
    actorId: uuid('actor_id').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
  },
  (t) => [
    unique('citizen_escalations_case_level').on(t.caseId, t.level),
    // the overseers' list of escalated files, newest first
    index('citizen_escalations_created_idx').on(t.createdAt),
  ],
);
