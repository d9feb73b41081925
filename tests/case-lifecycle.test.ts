import { and, eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/modules/accounts/actor.js';
import { accounts } from '../src/modules/accounts/schema.js';
import { actorOf } from '../src/modules/accounts/service.js';
import { auditLog } from '../src/modules/audit/schema.js';
import { caseEvents, cases } from '../src/modules/cases/schema.js';
import { applyAction, type Ctx, createCase } from '../src/modules/cases/service.js';
import { caseActions } from '../src/modules/cases/state-machine.js';
import { getCategoryByCode } from '../src/modules/catalog/service.js';
import { getInstitutionByCode } from '../src/modules/institutions/service.js';
import { addWorkingDays, workingDaysBetween } from '../src/modules/workflow/calendar.js';
import { AppError } from '../src/server/errors.js';
import { currentTime } from '../src/shared/clock.js';
import { testDatabases, usePlatform } from './support/platform.js';
import { replyParts } from './support/reply.js';

describe.each(testDatabases())('case lifecycle on %s', (kind) => {
  const p = usePlatform(kind);
  let citizen: Actor;
  let supervisor: Actor;
  let ctx: (actor: Actor) => Ctx;
  let newCase: (code: string) => Promise<{ id: string; version: number }>;

  beforeAll(async () => {
    const db = p.database.db;
    const actor = async (email: string) =>
      actorOf(db, (await db.select().from(accounts).where(eq(accounts.email, email)))[0]!);
    citizen = await actor('fatima@example.fr');
    supervisor = await actor('chef@aml.demo');
    ctx = (a) => ({ db, actor: a, requestId: 'test', secret: p.config.secret });
    const aml = (await getInstitutionByCode(db, 'AML'))!;
    newCase = async (code) => {
      const cat = (await getCategoryByCode(db, code))!;
      const fields: Record<string, string | number> =
        cat.kind === 'document_request' ? { person_name: 'Fatima', copies: 1 } : {};
      const res = await createCase(ctx(citizen), {
        institutionId: aml.id,
        categoryId: cat.id,
        subject: 'Sujet de test',
        description: 'Une description suffisamment longue.',
        fields,
        replyChannels: ['email'],
        language: 'fr',
        intakeChannel: 'web',
        requesterId: citizen.accountId,
      });
      return { id: res.case.id, version: res.case.version };
    };
  });

  const counts = async (caseId: string) => {
    const db = p.database.db;
    const [e] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(caseEvents)
      .where(eq(caseEvents.caseId, caseId));
    const [a] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entityType, 'case'),
          eq(auditLog.entityId, caseId),
          sql`${auditLog.action} <> 'case.view'`,
        ),
      );
    const [c] = await db.select().from(cases).where(eq(cases.id, caseId));
    return { events: e!.n, audits: a!.n, state: c!.state, version: c!.version };
  };

  it('writes a timeline event and an audit row for every accepted step, and nothing for a refused one', async () => {
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('doc-etat-civil-extrait-acte-naissance', 'complaint-autre'),
        fc.array(
          fc.record({
            action: fc.constantFrom(...caseActions),
            byCitizen: fc.boolean(),
            withReason: fc.boolean(),
          }),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
        async (category, steps) => {
          const c = await newCase(category);
          const first = await counts(c.id);
          expect(first).toMatchObject({ events: 1, audits: 1, state: 'submitted', version: 1 });
          for (const step of steps) {
            const before = await counts(c.id);
            try {
              const res = await applyAction(ctx(step.byCitizen ? citizen : supervisor), c.id, {
                action: step.action,
                version: before.version,
                reason: step.withReason ? 'Motif donné' : undefined,
              });
              const after = await counts(c.id);
              expect(after.events).toBe(before.events + 1);
              expect(after.audits).toBe(before.audits + 1);
              expect(after.version).toBe(before.version + 1);
              expect(after.state).toBe(res.state);
              const [lastAudit] = await p.database.db
                .select()
                .from(auditLog)
                .where(eq(auditLog.entityId, c.id))
                .orderBy(sql`${auditLog.id} desc`)
                .limit(1);
              expect(lastAudit!.action).toBe(`case.${step.action}`);
              expect(lastAudit!.data).toMatchObject({ from: before.state, to: after.state });
              accepted++;
            } catch (err) {
              expect(err).toBeInstanceOf(AppError);
              expect([403, 409, 422]).toContain((err as AppError).status);
              expect(await counts(c.id)).toEqual(before);
              refused++;
            }
          }
        },
      ),
      { numRuns: kind === 'pglite' ? 40 : 25 },
    );
    // and the whole legal path once, so accepted steps are always exercised whatever the random draw
    const c = await newCase('doc-etat-civil-extrait-acte-naissance');
    const path: [typeof supervisor, string, string?][] = [
      [supervisor, 'acknowledge'],
      [supervisor, 'start'],
      [supervisor, 'request_info', 'CIN'],
      [citizen, 'citizen_reply', 'ci-jointe'],
      [supervisor, 'submit_reply', 'projet'],
      [supervisor, 'return_reply', 'à revoir'],
      [supervisor, 'submit_reply', 'projet corrigé'],
      [supervisor, 'approve_reply'],
      [supervisor, 'close'],
      [citizen, 'reopen', 'incomplet'],
    ];
    for (const [who, action, reason] of path) {
      const before = await counts(c.id);
      await applyAction(ctx(who), c.id, {
        action: action as (typeof caseActions)[number],
        version: before.version,
        reason,
        // approval needs a reply with all its parts
        ...(action === 'submit_reply' ? { parts: replyParts(reason ?? '') } : {}),
      });
      const after = await counts(c.id);
      expect([after.events, after.audits, after.version]).toEqual([
        before.events + 1,
        before.audits + 1,
        before.version + 1,
      ]);
      accepted++;
    }
    expect(accepted).toBeGreaterThan(path.length - 1);
    expect(refused).toBeGreaterThan(0);
  });

  it('refuses a change made on a stale version and keeps the first change', async () => {
    const c = await newCase('complaint-autre');
    await applyAction(ctx(supervisor), c.id, { action: 'acknowledge', version: 1 });
    const before = await counts(c.id);
    await expect(
      applyAction(ctx(supervisor), c.id, { action: 'reject', version: 1, reason: 'x' }),
    ).rejects.toMatchObject({
      status: 409,
      key: 'error.conflict.version',
    });
    expect(await counts(c.id)).toEqual(before);
  });

  it('two staff acting at once: exactly one wins, the other gets a conflict', async () => {
    const c = await newCase('complaint-autre');
    const results = await Promise.allSettled([
      applyAction(ctx(supervisor), c.id, { action: 'acknowledge', version: 1 }),
      applyAction(ctx(supervisor), c.id, { action: 'reject', version: 1, reason: 'hors compétence' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failed.reason).toMatchObject({ status: 409 });
    expect((await counts(c.id)).events).toBe(2);
  });

  it('stops the deadline clock while waiting for the citizen', async () => {
    const c = await newCase('complaint-autre');
    const db = p.database.db;
    let v = (await applyAction(ctx(supervisor), c.id, { action: 'acknowledge', version: 1 })).version;
    v = (await applyAction(ctx(supervisor), c.id, { action: 'start', version: v })).version;
    const [before] = await db.select().from(cases).where(eq(cases.id, c.id));
    const t0 = currentTime();
    v = (
      await applyAction({ ...ctx(supervisor), now: () => t0 }, c.id, {
        action: 'request_info',
        version: v,
        reason: 'CIN?',
      })
    ).version;
    const t1 = new Date(t0.getTime() + 9 * 86_400_000);
    await applyAction({ ...ctx(citizen), now: () => t1 }, c.id, {
      action: 'citizen_reply',
      version: v,
      reason: 'Voici ma CIN',
    });
    const [after] = await db.select().from(cases).where(eq(cases.id, c.id));
    // nine calendar days of waiting give back the working days among them, counted from the old due date
    const used = workingDaysBetween(t0, t1);
    expect(used).toBeGreaterThanOrEqual(5);
    expect(after!.dueAt.getTime()).toBe(addWorkingDays(before!.dueAt, used).getTime());
    expect(after!.pausedAt).toBeNull();
  });
});
