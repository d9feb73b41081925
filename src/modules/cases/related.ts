/**
 * Around one case: the person's other cases (and which look like duplicates), merging a duplicate into
 * the case that carries on, and instructions from a supervisor or a territorial overseer.
 */
import { and, desc, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { t } from '../../i18n/index.js';
import { forbidden } from '../../server/errors.js';
import { fail } from '../../server/problems.js';
import { audit, nowOf } from '../../server/service-context.js';
import { hasRole, oversees } from '../accounts/actor.js';
import { staffMemberships } from '../accounts/schema.js';
import { notifyStaff } from '../notifications/notify.js';
import { changeCase } from './change.js';
import { canActOnCase } from './policy.js';
import { attachments, caseColumns, caseEvents, cases } from './schema.js';
import { type Ctx, getReadableCase, getWritableCase, presentCase, visibleInstitutionIds } from './service.js';
import { openStates } from './state-machine.js';

const isOpen = (state: string) => (openStates as readonly string[]).includes(state);
/** Two open cases of one person, for the same category and body, filed within this many days: likely twins. */
const DUPLICATE_WINDOW_DAYS = 60;

/** The requester's other cases that this staff member may read, likely duplicates first. */
export async function relatedCases(ctx: Ctx, id: string) {
  const { c } = await getReadableCase(ctx, id);
  if (ctx.actor?.kind !== 'staff') throw forbidden();
  const visible = await visibleInstitutionIds(ctx.db, ctx.actor);
  // a case whose content was removed no longer leads to its person, nor from theirs to it
  if (!visible.length || c.anonymisedAt) return { items: [] };
  const rows = await ctx.db
    .select(caseColumns)
    .from(cases)
    .where(
      and(
        eq(cases.requesterId, c.requesterId),
        ne(cases.id, c.id),
        inArray(cases.institutionId, visible),
        isNull(cases.anonymisedAt),
      ),
    )
    .orderBy(desc(cases.createdAt))
    .limit(50);
  const items = rows.map((r) => {
    const days = Math.abs(r.createdAt.getTime() - c.createdAt.getTime()) / 86_400_000;
    const likelyDuplicate =
      r.institutionId === c.institutionId &&
      r.categoryId === c.categoryId &&
      isOpen(r.state) &&
      isOpen(c.state) &&
      days <= DUPLICATE_WINDOW_DAYS;
    return {
      id: r.id,
      trackingNumber: r.trackingNumber,
      institutionId: r.institutionId,
      subject: r.subject,
      kind: r.kind,
      state: r.state,
      createdAt: r.createdAt.toISOString(),
      mergedIntoId: r.mergedIntoId,
      likelyDuplicate,
    };
  });
  items.sort((a, b) => Number(b.likelyDuplicate) - Number(a.likelyDuplicate));
  return { items };
}

/**
 * Merges the case `id` (a duplicate) into `intoId`: the duplicate is closed with a public event naming
 * the case that carries on; its papers are attached to that case too; both timelines say it.
 */
export async function mergeCase(ctx: Ctx, id: string, input: { intoId: string; version: number }) {
  if (id === input.intoId) throw fail('merge-same-case');
  const dup = await getReadableCase(ctx, id);
  const into = await getReadableCase(ctx, input.intoId);
  if (!canActOnCase(ctx.actor, dup.scope, 'close') || !canActOnCase(ctx.actor, into.scope, 'note'))
    throw forbidden();
  if (dup.c.institutionId !== into.c.institutionId) throw fail('merge-other-institution');
  if (dup.c.requesterId !== into.c.requesterId) throw fail('merge-other-requester');
  for (const x of [dup.c, into.c]) {
    if (!isOpen(x.state)) throw fail('merge-not-open', { tracking: x.trackingNumber });
  }
  const now = nowOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const reason = t(dup.c.language, 'case.merged_reason', { trackingNumber: into.c.trackingNumber });
    const papers = await tx.select().from(attachments).where(eq(attachments.caseId, dup.c.id));
    const { updated: closed } = await changeCase(tx, ctx, dup.c, {
      version: input.version,
      patch: { state: 'closed', closedAt: now, mergedIntoId: into.c.id },
      event: {
        type: 'merged',
        fromState: dup.c.state,
        toState: 'closed',
        reason,
        data: { intoId: into.c.id, intoTrackingNumber: into.c.trackingNumber },
      },
      audit: { action: 'merge', data: { into: into.c.id, papers: papers.length } },
    });
    await tx.insert(caseEvents).values({
      caseId: into.c.id,
      type: 'merged_from',
      actorId: ctx.actor!.accountId,
      data: { fromId: dup.c.id, fromTrackingNumber: dup.c.trackingNumber },
      visibility: 'public',
      createdAt: now,
    });
    if (papers.length) {
      await tx
        .insert(attachments)
        .values(papers.map(({ id: _id, caseId: _c, ...p }) => ({ ...p, caseId: into.c.id })));
    }
    await tx.update(cases).set({ updatedAt: now }).where(eq(cases.id, into.c.id));
    return presentCase(closed, ctx.actor);
  });
}

/**
 * An instruction on a case from a supervisor of its body or an overseer of its territory: an internal
 * timeline entry, and a notice to whoever holds the case (or the body's supervisors when nobody does);
 * escalated, the supervisors are told as well.
 */
export async function giveInstruction(ctx: Ctx, id: string, text: string, escalate = false) {
  const { c, scope } = await getWritableCase(ctx, id);
  const actor = ctx.actor;
  if (!hasRole(actor, c.institutionId, ['supervisor']) && !oversees(actor, scope))
    throw fail('instruction-not-overseer');
  return ctx.db.transaction(async (tx) => {
    const [ev] = await tx
      .insert(caseEvents)
      .values({
        caseId: c.id,
        type: escalate ? 'escalated' : 'instruction',
        actorId: actor!.accountId,
        reason: text,
        visibility: 'internal',
      })
      .returning();
    // Escalating tells the body's supervisors as well as whoever holds the case.
    const supervisors = escalate || !c.assigneeId ? await supervisorsOf(tx, c.institutionId) : [];
    const holders = [...new Set([...(c.assigneeId ? [c.assigneeId] : []), ...supervisors])];
    await notifyStaff(tx, {
      event: 'instruction',
      caseRow: c,
      staffIds: holders.filter((h) => h !== actor!.accountId),
      ref: `instruction-${ev!.id}`,
      reason: text,
      publicUrl: ctx.publicUrl,
    });
    await audit(tx, ctx, {
      action: escalate ? 'case.escalate' : 'case.instruction',
      entityType: 'case',
      entityId: c.id,
      institutionId: c.institutionId,
      data: { eventId: ev!.id, holders },
    });
    return { id: ev!.id, at: ev!.createdAt.toISOString() };
  });
}

/** The accounts of a body's supervisors. */
export async function supervisorsOf(tx: Executor, institutionId: string) {
  const rows = await tx
    .select({ id: staffMemberships.accountId })
    .from(staffMemberships)
    .where(and(eq(staffMemberships.institutionId, institutionId), eq(staffMemberships.role, 'supervisor')));
  return rows.map((r) => r.id);
}
