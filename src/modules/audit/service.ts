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
export async function recordAudit(tx: Executor, entry: AuditEntry | readonly AuditEntry[]): Promise<void> {
  const entries: readonly AuditEntry[] = 'action' in entry ? [entry] : entry;
  if (!entries.length) return;
  await tx.insert(auditLog).values(
    entries.map((e) => ({
      actorId: e.actorId,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId ?? null,
      institutionId: e.institutionId ?? null,
      requestId: e.requestId ?? null,
      data: e.data ?? {},
    })),
  );
}

/** The audit row of a change the background worker makes by itself: no actor, the request `worker`. */
export const recordWorkerAudit = (tx: Executor, entry: WorkerAuditEntry | readonly WorkerAuditEntry[]) =>
  recordAudit(
    tx,
    ('action' in entry ? [entry] : entry).map((e) => ({ ...e, actorId: null, requestId: 'worker' })),
  );
type WorkerAuditEntry = Omit<AuditEntry, 'actorId' | 'requestId'>;

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
