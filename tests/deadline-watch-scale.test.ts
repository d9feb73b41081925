import { and, eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/client.js';
import { addDays, fromWallClock, MOROCCO_TZ } from '../src/modules/appointments/tz.js';
import { auditLog } from '../src/modules/audit/schema.js';
import { caseEvents, cases } from '../src/modules/cases/schema.js';
import { institutions } from '../src/modules/institutions/schema.js';
import { notifications } from '../src/modules/notifications/schema.js';
import { addWorkingDays, moroccanDate } from '../src/modules/workflow/calendar.js';
import { runDeadlineWatch } from '../src/modules/workflow/deadline-watch.js';
import { sendEscalationDigests } from '../src/modules/workflow/escalation-digest.js';
import { deadlineSteps } from '../src/modules/workflow/schema.js';
import { currentTime } from '../src/shared/clock.js';
import { testDatabases, usePlatform } from './support/platform.js';

const OVERDUE = 5_000;

describe.each(testDatabases())('the deadline watch at scale on %s', (kind) => {
  const p = usePlatform(kind);

  /**
   * 5,000 running cases past their due date, half in the commune of Aït Melloul (province of Inezgane-Aït
   * Melloul, region of Souss-Massa: the demo has an overseer for each), half in the urban agency of Béni
   * Mellal (a region without one): the even ones two days late (their supervisors are told), the odd ones
   * sixty days late (the territory's overseers too).
   */
  async function fileOverdueCases(now: Date) {
    const db = p.database.db;
    // the demo's own files are due far away: only the cases made here are watched
    await db.update(cases).set({ dueAt: addWorkingDays(now, 300) });
    const bodies = await db
      .select({ id: institutions.id, code: institutions.code })
      .from(institutions)
      .where(inArray(institutions.code, ['AML', 'AUBM']));
    const aml = bodies.find((b) => b.code === 'AML')!;
    const aubm = bodies.find((b) => b.code === 'AUBM')!;
    const [template] = await db.select().from(cases).where(eq(cases.institutionId, aml.id)).limit(1);
    await db.execute(sql`
      insert into ${cases} (institution_id, tracking_number, access_code_hash, kind, category_id, subject,
        description, intake_channel, reply_channels, language, requester_id, requester_name, state, due_at)
      select case when g % 4 < 2 then ${aml.id}::uuid else ${aubm.id}::uuid end, 'LATE-' || g,
        ${template!.accessCodeHash}, ${template!.kind}, ${template!.categoryId}::uuid, 'Dossier ' || g,
        'Sans réponse', 'web', '["email"]'::jsonb, 'fr', ${template!.requesterId}::uuid, 'Fatima', 'in_progress',
        ${now.toISOString()}::timestamptz - (case when g % 2 = 0 then interval '2 days' else interval '60 days' end)
      from generate_series(1, ${OVERDUE}) g`);
  }

  /** A second worker: its own connection pool on PostgreSQL, the same embedded database on PGlite. */
  async function secondWorker(): Promise<Database> {
    return p.database.url ? openDatabase({ url: p.database.url, poolSize: 4 }) : p.database;
  }

  it('escalates every one of 5,000 overdue cases once per level while two workers race, and sends one digest per person', async () => {
    const now = currentTime();
    await fileOverdueCases(now);
    const other = await secondWorker();
    try {
      const [a, b] = await Promise.all([
        runDeadlineWatch(p.database.db, now, 'https://jisr.example.ma'),
        runDeadlineWatch(other.db, now, 'https://jisr.example.ma'),
      ]);
      // between them, the two workers took each step once: 5,000 supervisor steps, 2,500 overseer steps
      const taken = [...a, ...b];
      expect(taken.filter((s) => s.kind === 'escalation_supervisor')).toHaveLength(OVERDUE);
      expect(taken.filter((s) => s.kind === 'escalation_overseer')).toHaveLength(OVERDUE / 2);
      expect(new Set(taken.map((s) => `${s.caseId}:${s.kind}`)).size).toBe(taken.length);

      const late = sql`${cases.trackingNumber} like 'LATE-%'`;
      const perLevel = await p.database.db
        .select({
          level: deadlineSteps.level,
          n: sql<number>`count(*)::int`,
          cases: sql<number>`count(distinct ${deadlineSteps.caseId})::int`,
        })
        .from(deadlineSteps)
        .innerJoin(cases, eq(cases.id, deadlineSteps.caseId))
        .where(late)
        .groupBy(deadlineSteps.level)
        .orderBy(deadlineSteps.level);
      expect(perLevel).toEqual([
        { level: 1, n: OVERDUE, cases: OVERDUE },
        { level: 2, n: OVERDUE / 2, cases: OVERDUE / 2 },
      ]);
      // one internal timeline event and one audit row per step, no more
      const [events] = await p.database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(caseEvents)
        .innerJoin(cases, eq(cases.id, caseEvents.caseId))
        .where(and(late, eq(caseEvents.type, 'escalated')));
      expect(events!.n).toBe(OVERDUE * 1.5);
      const [audits] = await p.database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(auditLog)
        .innerJoin(cases, sql`${cases.id}::text = ${auditLog.entityId}`)
        .where(and(late, sql`${auditLog.action} like 'case.escalation_%'`));
      expect(audits!.n).toBe(OVERDUE * 1.5);
      // a later run finds nothing left to do
      expect(
        await runDeadlineWatch(other.db, new Date(now.getTime() + 60_000), 'https://jisr.example.ma'),
      ).toEqual([]);

      // the next morning, both workers send the digests: one per supervisor and overseer, never two
      const earlier = new Set(
        (
          await p.database.db
            .select({ id: notifications.id })
            .from(notifications)
            .where(eq(notifications.event, 'escalation_digest'))
        ).map((n) => n.id),
      );
      const morning = fromWallClock(addDays(moroccanDate(now), 1), 8 * 60 + 5, MOROCCO_TZ);
      const [da, db] = await Promise.all([
        sendEscalationDigests(p.database.db, morning, 'https://jisr.example.ma'),
        sendEscalationDigests(other.db, morning, 'https://jisr.example.ma'),
      ]);
      const sent = Object.fromEntries([...da, ...db].map((d) => [d.email, d.cases]));
      expect(sent).toEqual({
        'chef@aml.demo': OVERDUE / 2,
        'chef@aubm.demo': OVERDUE / 2,
        // the overseers hear of their territory's cases only
        'province@piam.demo': OVERDUE / 4,
        'region@souss.demo': OVERDUE / 4,
      });
      const mails = await p.database.db
        .select({
          id: notifications.id,
          to: notifications.toAddress,
          subject: notifications.subject,
          text: notifications.textBody,
        })
        .from(notifications)
        .where(
          and(
            eq(notifications.event, 'escalation_digest'),
            inArray(notifications.toAddress, Object.keys(sent)),
          ),
        );
      // the morning's, one each (the seed's digests were sent before)
      const morningMails = mails.filter((m) => !earlier.has(m.id));
      expect(morningMails.map((m) => m.to).sort()).toEqual(Object.keys(sent).sort());
      const chief = morningMails.find((m) => m.to === 'chef@aml.demo')!;
      expect(chief.subject).toBe('Jisr : 2500 dossiers ont dépassé leur échéance');
      expect(chief.text.match(/LATE-\d+/g)).toHaveLength(25);
      expect(chief.text).toContain('… et 2475 autres dossiers');
      // no message per case any more
      const [perCase] = await p.database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(notifications)
        .innerJoin(cases, eq(cases.id, notifications.caseId))
        .where(late);
      expect(perCase!.n).toBe(0);
      // the same morning again: nothing more
      expect(await sendEscalationDigests(other.db, new Date(morning.getTime() + 3_600_000), 'x')).toEqual([]);
    } finally {
      if (other !== p.database) await other.close();
    }
  });
});
