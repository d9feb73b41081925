/**
 * Follow-up tasks: a low rating (`LOW_RATING` or less) opens one for the body's supervisors, in the rating's
 * transaction; a supervisor closes it with a note of what was done. Both steps leave an internal timeline
 * entry on the case and an audit row.
 */
import { and, count, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { fail } from '../../server/problems.js';
import { audit, nowOf, requireAccess, type ServiceContext } from '../../server/service-context.js';
import { WATCHER_ROLES } from '../accounts/actor.js';
import { accounts } from '../accounts/schema.js';
import { supervisorsOf } from '../cases/related.js';
import { type CaseRow, caseEvents, cases } from '../cases/schema.js';
import { requireBodyAccess } from '../institutions/access.js';
import { notifyStaff } from '../notifications/notify.js';
import { followUpTasks } from './schema.js';

/** A score at or under this opens a follow-up task (scores run from 1 to 5). */
export const LOW_RATING = 2;
export const FOLLOW_UPS_PAGE = 20;

/** Opens the follow-up of a low rating, in the rating's transaction, and tells the body's supervisors. */
export async function openFollowUp(
  tx: Executor,
  ctx: ServiceContext,
  c: CaseRow,
  rating: { score: number; comment: string | null },
) {
  if (rating.score > LOW_RATING) return null;
  const now = nowOf(ctx);
  const [task] = await tx
    .insert(followUpTasks)
    .values({
      caseId: c.id,
      institutionId: c.institutionId,
      reason: 'low_rating',
      score: rating.score,
      openedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!task) return null;
  await tx.insert(caseEvents).values({
    caseId: c.id,
    type: 'follow_up_opened',
    actorId: null,
    data: { followUpId: task.id, score: rating.score },
    visibility: 'internal',
    createdAt: now,
  });
  await notifyStaff(tx, {
    event: 'follow_up',
    caseRow: c,
    staffIds: await supervisorsOf(tx, c.institutionId),
    ref: `follow-up-${task.id}`,
    reason: rating.comment ? `${rating.score}/5 — ${rating.comment}` : `${rating.score}/5`,
    publicUrl: ctx.publicUrl,
    now,
  });
  await audit(tx, ctx, {
    action: 'follow_up.open',
    entityType: 'case',
    entityId: c.id,
    institutionId: c.institutionId,
    data: { followUpId: task.id, score: rating.score },
  });
  return task;
}

/** A body's follow-ups, open ones oldest first (the longest waiting on top), done ones newest first. */
export async function listFollowUps(
  ctx: ServiceContext,
  institutionId: string,
  q: { status: 'open' | 'done'; page: number },
) {
  const body = await requireBodyAccess(ctx, institutionId, WATCHER_ROLES);
  const where = and(
    eq(followUpTasks.institutionId, body.id),
    q.status === 'open' ? isNull(followUpTasks.doneAt) : isNotNull(followUpTasks.doneAt),
  );
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: followUpTasks.id,
        caseId: followUpTasks.caseId,
        trackingNumber: cases.trackingNumber,
        subject: cases.subject,
        reason: followUpTasks.reason,
        score: followUpTasks.score,
        openedAt: followUpTasks.openedAt,
        doneAt: followUpTasks.doneAt,
        doneByName: accounts.displayName,
        outcomeNote: followUpTasks.outcomeNote,
      })
      .from(followUpTasks)
      .innerJoin(cases, eq(cases.id, followUpTasks.caseId))
      .leftJoin(accounts, eq(accounts.id, followUpTasks.doneBy))
      .where(where)
      .orderBy(q.status === 'open' ? followUpTasks.openedAt : desc(followUpTasks.doneAt), followUpTasks.id)
      .limit(FOLLOW_UPS_PAGE)
      .offset((q.page - 1) * FOLLOW_UPS_PAGE),
    ctx.db.select({ n: count() }).from(followUpTasks).where(where),
  ]);
  return {
    items: rows.map((r) => ({
      ...r,
      openedAt: r.openedAt.toISOString(),
      doneAt: r.doneAt?.toISOString() ?? null,
    })),
    total: Number(total?.n ?? 0),
    page: q.page,
    pageSize: FOLLOW_UPS_PAGE,
  };
}

/** A supervisor of the body closes a follow-up with what was done; once only (a second try is refused). */
export async function completeFollowUp(
  ctx: ServiceContext,
  institutionId: string,
  id: string,
  outcomeNote: string,
) {
  const actor = requireAccess(ctx, { staffOf: institutionId, roles: ['supervisor'] });
  const now = nowOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const [task] = await tx
      .select()
      .from(followUpTasks)
      .where(and(eq(followUpTasks.id, id), eq(followUpTasks.institutionId, institutionId)));
    if (!task) throw fail('follow-up-not-found');
    const [done] = await tx
      .update(followUpTasks)
      .set({ doneAt: now, doneBy: actor.accountId, outcomeNote })
      .where(and(eq(followUpTasks.id, id), isNull(followUpTasks.doneAt)))
      .returning();
    if (!done) throw fail('follow-up-closed');
    await tx.insert(caseEvents).values({
      caseId: task.caseId,
      type: 'follow_up_done',
      actorId: actor.accountId,
      reason: outcomeNote,
      data: { followUpId: task.id },
      visibility: 'internal',
      createdAt: now,
    });
    await audit(tx, ctx, {
      action: 'follow_up.done',
      entityType: 'case',
      entityId: task.caseId,
      institutionId,
      data: { followUpId: task.id },
    });
    return { id: done.id, doneAt: now.toISOString() };
  });
}

/** Anonymising a case: the notes written on its follow-ups go with its other words. */
export async function forgetFollowUpNotes(tx: Executor, caseId: string) {
  await tx.update(followUpTasks).set({ outcomeNote: null }).where(eq(followUpTasks.caseId, caseId));
}
