/**
 * Scheduled work claimed across processes: however many workers tick at once on one database, each job
 * runs once per period; a run left by a process that died is taken over when its lease runs out.
 */
import { count, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker } from '../src/jobs/worker.js';
import { cases } from '../src/modules/cases/schema.js';
import { notifications } from '../src/modules/notifications/schema.js';
import { claimJob, runIfDue } from '../src/modules/schedule/claims.js';
import { scheduledJobs } from '../src/modules/schedule/schema.js';
import { currentTime, fixedClock, setPlatformClock } from '../src/shared/clock.js';
import { startTestPlatform, type TestPlatform, testDatabases } from './support/platform.js';

const MINUTE = 60_000;

describe.each(testDatabases())('scheduled jobs across processes on %s', (kind) => {
  let p: TestPlatform;
  let clock: ReturnType<typeof fixedClock>;
  let restoreClock: () => void;
  beforeAll(async () => {
    p = await startTestPlatform(kind);
    clock = fixedClock(currentTime());
    restoreClock = setPlatformClock(clock);
  });
  afterAll(async () => {
    restoreClock?.();
    await p?.close();
  });

  const jobs = async () =>
    Object.fromEntries(
      (await p.database.db.select().from(scheduledJobs)).map((j) => [
        j.name,
        { runs: j.runs, leasedBy: j.leasedBy },
      ]),
    );

  it('runs each job once per period however many workers tick at once, and sends each message once', async () => {
    const errors: unknown[] = [];
    const workers = [1, 2, 3].map(() =>
      startWorker(p.database.db, p.config, { error: (o) => errors.push(o) }, 3_600_000),
    );
    // two open files fell due an hour ago: the minute job tells their citizens, once each
    const open = await p.database.db
      .select({ id: cases.id })
      .from(cases)
      .where(inArray(cases.state, ['submitted', 'in_progress']))
      .limit(2);
    await p.database.db
      .update(cases)
      .set({ dueAt: new Date(currentTime().getTime() - 60 * MINUTE) })
      .where(
        inArray(
          cases.id,
          open.map((c) => c.id),
        ),
      );
    try {
      await Promise.all(workers.flatMap((w) => [w.tick(), w.tick()]));
      await Promise.all(workers.map((w) => w.tick()));
      const first = await jobs();
      expect(first).toMatchObject({
        appointments: { runs: 1, leasedBy: null },
        'deadline-watch': { runs: 1, leasedBy: null },
        minute: { runs: 1, leasedBy: null },
        retention: { leasedBy: null },
      });
      // a minute later: the minute and appointment jobs are due again, once; the watch is not
      clock.advance(MINUTE + 1000);
      await Promise.all(workers.map((w) => w.tick()));
      await Promise.all(workers.map((w) => w.tick()));
      expect(await jobs()).toMatchObject({
        appointments: { runs: 2 },
        'deadline-watch': { runs: 1 },
        minute: { runs: 2 },
      });
      // ten minutes on: the watch too
      clock.advance(10 * MINUTE);
      await Promise.all(workers.map((w) => w.tick()));
      expect(await jobs()).toMatchObject({
        appointments: { runs: 3 },
        'deadline-watch': { runs: 2 },
        minute: { runs: 3 },
      });
      // the overdue notices the minute job wrote (the demo has overdue files): never twice for one case
      const notices = await p.database.db
        .select({ caseId: notifications.caseId, channel: notifications.channel, n: count() })
        .from(notifications)
        .where(eq(notifications.event, 'deadline_passed'))
        .groupBy(notifications.caseId, notifications.channel);
      expect(notices.map((x) => x.caseId)).toEqual(expect.arrayContaining(open.map((c) => c.id)));
      expect(notices.filter((x) => x.n > 1)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
  });

  it('takes over a run left by a process that died, once its lease has run out', async () => {
    const timing = { everyMs: 10 * MINUTE, leaseMs: 5 * MINUTE };
    const db = p.database.db;
    // a process claims the job, then dies without finishing
    expect(await claimJob(db, 'test-job', 'dead-process', currentTime(), timing)).toEqual({});
    const ran: string[] = [];
    const run = (who: string) =>
      runIfDue(
        db,
        'test-job',
        who,
        timing,
        currentTime,
        async () => {
          ran.push(who);
          return { state: { by: who } };
        },
        () => undefined,
      );
    // while its lease runs, nobody else runs the job
    expect(await Promise.all([run('a'), run('b')])).toEqual([false, false]);
    clock.advance(5 * MINUTE + 1000);
    // the lease has run out: exactly one of the two takes the job over
    const took = await Promise.all([run('a'), run('b')]);
    expect(took.filter(Boolean)).toHaveLength(1);
    expect(ran).toHaveLength(1);
    const [row] = await db.select().from(scheduledJobs).where(sql`${scheduledJobs.name} = 'test-job'`);
    expect(row).toMatchObject({ runs: 2, leasedBy: null, state: { by: ran[0] } });
    expect(row!.nextRunAt!.getTime()).toBe(currentTime().getTime() + 10 * MINUTE);
    // and it is not due again before its period
    expect(await run('a')).toBe(false);
  });
});
