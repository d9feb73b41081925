/**
 * Scheduled work claimed across processes (decision: docs/decisions/2026-12-07-scheduled-jobs.md). A job is
 * a row of `scheduled_jobs`; a process runs it only after an atomic claim (one UPDATE … WHERE due and not
 * leased … RETURNING), so two processes never run it at once and it runs once per period however many
 * processes there are. A process that dies in a run leaves a lease that runs out: another takes the job then.
 */
import { hostname } from 'node:os';
import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { scheduledJobs } from './schema.js';

export type JobState = Record<string, unknown>;

/** What a run says when it ends: what to remember, and whether more is due at once (a backlog). */
export type JobOutcome = { state?: JobState; again?: boolean } | undefined;

export type JobTiming = { everyMs: number; leaseMs: number };

/** A name for this process's claims: host, process and a random part (two workers in one process differ). */
export function claimantId(): string {
  return `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
}

/** Claims the job when it is due and nobody holds it; returns its state, or null when it is not ours to run. */
export async function claimJob(
  db: Db,
  name: string,
  claimant: string,
  now: Date,
  timing: JobTiming,
): Promise<JobState | null> {
  await db.insert(scheduledJobs).values({ name }).onConflictDoNothing();
  const at = now.toISOString();
  const [row] = await db
    .update(scheduledJobs)
    .set({
      leasedBy: claimant,
      leaseUntil: new Date(now.getTime() + timing.leaseMs),
      lastStartedAt: now,
      runs: sql`${scheduledJobs.runs} + 1`,
    })
    .where(
      and(
        eq(scheduledJobs.name, name),
        or(isNull(scheduledJobs.nextRunAt), lte(scheduledJobs.nextRunAt, sql`${at}::timestamptz`)),
        or(isNull(scheduledJobs.leaseUntil), lte(scheduledJobs.leaseUntil, sql`${at}::timestamptz`)),
      ),
    )
    .returning({ state: scheduledJobs.state });
  return row ? row.state : null;
}

/** Ends our run: the lease goes, the next run is due a period later (or at once when more is due). */
export async function finishJob(
  db: Db,
  name: string,
  claimant: string,
  now: Date,
  timing: JobTiming,
  outcome: JobOutcome,
): Promise<void> {
  await db
    .update(scheduledJobs)
    .set({
      leasedBy: null,
      leaseUntil: null,
      lastFinishedAt: now,
      nextRunAt: outcome?.again ? now : new Date(now.getTime() + timing.everyMs),
      ...(outcome?.state ? { state: outcome.state } : {}),
    })
    .where(and(eq(scheduledJobs.name, name), eq(scheduledJobs.leasedBy, claimant)));
}

/**
 * Runs the job if this process can claim it now; a failed run is reported and its lease given back at once,
 * so the job is tried again at its next period. Returns whether it ran.
 */
export async function runIfDue(
  db: Db,
  name: string,
  claimant: string,
  timing: JobTiming,
  clock: () => Date,
  run: (state: JobState) => Promise<unknown>,
  onError: (err: unknown) => void,
): Promise<boolean> {
  const state = await claimJob(db, name, claimant, clock(), timing);
  if (!state) return false;
  let outcome: JobOutcome;
  try {
    // a run that returns nothing keeps the state and waits a period
    outcome = ((await run(state)) ?? undefined) as JobOutcome;
  } catch (err) {
    onError(err);
  }
  await finishJob(db, name, claimant, clock(), timing, outcome);
  return true;
}
