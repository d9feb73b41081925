import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The platform's scheduled jobs (appointment reminders and no-shows, the deadline watch, the minute jobs, the
 * retention pass), shared by every process on the database: a process runs a job only after claiming it
 * (`leasedBy` until `leaseUntil`) when it is due (`nextRunAt`), so each runs once per period whatever the
 * number of processes; `state` carries what a job must remember between runs (where a pass got to, when it
 * last looked), which therefore lives in the database and not in a process.
 */
export const scheduledJobs = pgTable('scheduled_jobs', {
  name: text('name').primaryKey(),
  nextRunAt: timestamp('next_run_at', { withTimezone: true }),
  leasedBy: text('leased_by'),
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
  lastStartedAt: timestamp('last_started_at', { withTimezone: true }),
  lastFinishedAt: timestamp('last_finished_at', { withTimezone: true }),
  runs: integer('runs').notNull().default(0),
  state: jsonb('state').$type<Record<string, unknown>>().notNull().default({}),
});
