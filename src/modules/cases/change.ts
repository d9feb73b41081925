import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { fail } from '../../server/problems.js';
import { audit, nowOf, type ServiceContext } from '../../server/service-context.js';
import { type CaseRow, caseColumns, caseEvents, cases } from './schema.js';

type NewEvent = Omit<typeof caseEvents.$inferInsert, 'caseId' | 'actorId' | 'createdAt'>;

/**
 * One change to a case, in the caller's transaction: the row at the version the actor saw (`version + 1`,
 * or 409 with the current version when someone changed it meanwhile), its timeline event and its audit row
 * (`case.<action>`), all by the context's actor at the context's time. Returns the updated row and the event's
 * id (the reference of the messages it triggers).
 */
export async function changeCase(
  tx: Executor,
  ctx: ServiceContext,
  c: CaseRow,
  change: {
    version: number;
    patch: Partial<typeof cases.$inferInsert>;
    event: NewEvent;
    audit: { action: string; data?: Record<string, unknown> };
  },
): Promise<{ updated: CaseRow; eventId: number }> {
  const now = nowOf(ctx);
  const [updated] = await tx
    .update(cases)
    .set({ updatedAt: now, ...change.patch, version: sql`${cases.version} + 1` })
    .where(and(eq(cases.id, c.id), eq(cases.version, change.version)))
    .returning(caseColumns);
  if (!updated) throw fail('conflict-version', {}, { currentVersion: c.version });
  const [event] = await tx
    .insert(caseEvents)
    .values({ ...change.event, caseId: c.id, actorId: ctx.actor?.accountId ?? null, createdAt: now })
    .returning({ id: caseEvents.id });
  await audit(tx, ctx, {
    action: `case.${change.audit.action}`,
    entityType: 'case',
    entityId: c.id,
    institutionId: c.institutionId,
    data: { ...change.audit.data, version: updated.version },
  });
  return { updated, eventId: event!.id };
}
