/**
 * The access log (law 09-08): every read of a person's data by staff — who, for which body, what, when and
 * why — kept in the audit log, which the database keeps append-only. The person sees the reads of their own
 * file (`caseAccesses`): the role and the body, the date; the staff member's name only where the body chose
 * to show its staff's names (`institutions.show_staff_names`), and never a territorial overseer's.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { Actor } from '../accounts/actor.js';
import { accounts } from '../accounts/schema.js';
import { institutions } from '../institutions/schema.js';
import { auditLog } from './schema.js';
import { recordAudit } from './service.js';

/** The reads of a case's personal data that are logged, and shown to the person. */
export const caseReads = [
  'case.view',
  'case.attachment_read',
  'case.notifications_read',
  'case.letter_read',
] as const;
export type CaseRead = (typeof caseReads)[number];

/** Why a staff member read it: their own body's work, an audit, or territorial oversight. */
export type ReadPurpose = 'handling' | 'audit' | 'oversight';

/** The reader's role for the body: their membership's, or « overseer » for a territorial overseer. */
export function readerRole(
  actor: Actor,
  institutionId: string | null,
): { role: string; purpose: ReadPurpose } {
  const m = actor.memberships.find((x) => x.institutionId === institutionId);
  if (!m) return { role: 'overseer', purpose: 'oversight' };
  return { role: m.role, purpose: m.role === 'auditor' ? 'audit' : 'handling' };
}

/** Logs a staff member's read of a case's data; a citizen reading their own file is not logged. */
export async function recordCaseRead(
  db: Executor,
  actor: Actor | null,
  read: { action: CaseRead; caseId: string; institutionId: string; requestId?: string; data?: object },
) {
  if (actor?.kind !== 'staff') return;
  const { role, purpose } = readerRole(actor, read.institutionId);
  await recordAudit(db, {
    actorId: actor.accountId,
    action: read.action,
    entityType: 'case',
    entityId: read.caseId,
    institutionId: read.institutionId,
    requestId: read.requestId,
    data: { role, purpose, ...read.data },
  });
}

/**
 * Logs a read of personal data that concerns no one case (a desk search, a queue page, an export); for a
 * territorial overseer reading across bodies, the body is null.
 */
export async function recordDataRead(
  db: Executor,
  actor: Actor,
  read: { action: string; institutionId: string | null; requestId?: string; data?: object },
) {
  const { role, purpose } = readerRole(actor, read.institutionId);
  await recordAudit(db, {
    actorId: actor.accountId,
    action: read.action,
    entityType: 'institution',
    entityId: read.institutionId ?? undefined,
    institutionId: read.institutionId,
    requestId: read.requestId,
    data: { role, purpose, ...read.data },
  });
}

export type CaseAccess = {
  at: string;
  what: CaseRead;
  role: string;
  purpose: ReadPurpose;
  institution: { nameAr: string; nameFr: string; nameEn: string } | null;
  /** The reader's name, where their body shows its staff's names to the people it serves. */
  name: string | null;
};

/**
 * Who read a case's data, newest first (at most 500): the role, the body, the date and what was read; the
 * reader's name where their body's policy shows it (a territorial overseer's never: their office is not the body's).
 */
export async function caseAccesses(db: Executor, caseId: string): Promise<CaseAccess[]> {
  const rows = await db
    .select({ a: auditLog, i: institutions, reader: accounts.displayName })
    .from(auditLog)
    .leftJoin(institutions, eq(institutions.id, auditLog.institutionId))
    .leftJoin(accounts, eq(accounts.id, auditLog.actorId))
    .where(
      and(
        eq(auditLog.entityType, 'case'),
        eq(auditLog.entityId, caseId),
        inArray(auditLog.action, [...caseReads]),
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(500);
  return rows.map(({ a, i, reader }) => {
    const purpose = (a.data.purpose as ReadPurpose | undefined) ?? 'handling';
    return {
      at: a.at.toISOString(),
      what: a.action as CaseRead,
      role: String(a.data.role ?? 'staff'),
      purpose,
      institution: i ? { nameAr: i.nameAr, nameFr: i.nameFr, nameEn: i.nameEn } : null,
      name: i?.showStaffNames && purpose !== 'oversight' ? (reader ?? null) : null,
    };
  });
}
