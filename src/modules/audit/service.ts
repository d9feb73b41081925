import type { Executor } from '../../db/client.js';
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
