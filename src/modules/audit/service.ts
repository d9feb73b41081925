import { and, desc, eq, lt } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { requireAccess, type ServiceContext } from '../../server/service-context.js';
import { auditLog } from './schema.js';

export type AuditEntry = {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  institutionId?: string | null;
  requestId?: string | null;
  data?: Record<string, unknown>;
};

/** Appends to the audit log. Call it with the transaction that makes the change. */
export async function recordAudit(tx: Executor, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    institutionId: entry.institutionId ?? null,
    requestId: entry.requestId ?? null,
    data: entry.data ?? {},
  });
}

/** The audit row of a change the background worker makes by itself: no actor, the request `worker`. */
export const recordWorkerAudit = (tx: Executor, entry: Omit<AuditEntry, 'actorId' | 'requestId'>) =>
  recordAudit(tx, { ...entry, actorId: null, requestId: 'worker' });

/** A body's audit log, newest first, a page at a time (its auditors and administrators). */
export async function institutionAuditLog(
  ctx: ServiceContext,
  institutionId: string,
  page: { before?: number; limit: number },
) {
  requireAccess(ctx, { staffOf: institutionId, roles: ['auditor', 'institution_admin'] });
  const rows = await ctx.db
    .select()
    .from(auditLog)
    .where(
      and(eq(auditLog.institutionId, institutionId), page.before ? lt(auditLog.id, page.before) : undefined),
    )
    .orderBy(desc(auditLog.id))
    .limit(page.limit);
  return { items: rows, nextBefore: rows.length === page.limit ? rows[rows.length - 1]!.id : null };
}
