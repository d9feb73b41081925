import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { forbidden } from '../../server/errors.js';
import { fail } from '../../server/problems.js';
import { audit } from '../../server/service-context.js';
import { currentTime } from '../../shared/clock.js';
import { openFollowUp } from '../satisfaction/follow-ups.js';
import { isOwnCase } from './policy.js';
import { caseDrafts, caseEvents, caseRatings } from './schema.js';
import { type Ctx, getWritableCase } from './service.js';

const ratable = ['answered', 'ready', 'closed'];

/** The citizen rates the handling of an answered case, once. */
export async function rateCase(ctx: Ctx, id: string, input: { score: number; comment?: string | null }) {
  const { c, scope } = await getWritableCase(ctx, id);
  if (!isOwnCase(ctx.actor, scope)) throw forbidden();
  if (!ratable.includes(c.state)) throw fail('rating-not-yet');
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(caseRatings)
      .values({ caseId: c.id, score: input.score, comment: input.comment ?? null, agentId: c.assigneeId })
      .onConflictDoNothing()
      .returning();
    if (!row) throw fail('rating-already');
    await tx
      .insert(caseEvents)
      .values({ caseId: c.id, type: 'rated', actorId: ctx.actor!.accountId, data: { score: input.score } });
    await openFollowUp(tx, ctx, c, row);
    await audit(tx, ctx, {
      action: 'case.rate',
      entityType: 'case',
      entityId: c.id,
      institutionId: c.institutionId,
      data: { score: input.score },
    });
    return { score: row.score, comment: row.comment };
  });
}

export async function getRating(db: Executor, caseId: string) {
  const [row] = await db.select().from(caseRatings).where(eq(caseRatings.caseId, caseId));
  return row ? { score: row.score, comment: row.comment, at: row.createdAt.toISOString() } : null;
}

export async function listDrafts(db: Executor, accountId: string) {
  const rows = await db
    .select()
    .from(caseDrafts)
    .where(eq(caseDrafts.accountId, accountId))
    .orderBy(desc(caseDrafts.updatedAt));
  return rows.map((r) => ({ id: r.id, data: r.data, updatedAt: r.updatedAt.toISOString() }));
}

export async function saveDraft(db: Executor, accountId: string, id: string, data: Record<string, unknown>) {
  const [existing] = await db
    .select({ accountId: caseDrafts.accountId })
    .from(caseDrafts)
    .where(eq(caseDrafts.id, id));
  if (existing && existing.accountId !== accountId) throw forbidden();
  await db
    .insert(caseDrafts)
    .values({ id, accountId, data, updatedAt: currentTime() })
    .onConflictDoUpdate({ target: caseDrafts.id, set: { data, updatedAt: currentTime() } });
  return { id, updatedAt: currentTime().toISOString() };
}

export async function deleteDraft(db: Executor, accountId: string, id: string) {
  await db.delete(caseDrafts).where(and(eq(caseDrafts.id, id), eq(caseDrafts.accountId, accountId)));
}
