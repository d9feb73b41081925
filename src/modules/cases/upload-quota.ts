import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { Config } from '../../server/config.js';
import { ByteSize } from '../../server/errors.js';
import { fail } from '../../server/problems.js';
import { currentTime } from '../../shared/clock.js';
import { auditLog } from '../audit/schema.js';
import { attachments, cases, pendingUploads } from './schema.js';

/**
 * How much one citizen account may send in 24 hours, and one case hold. The day is a rolling 24 hours (the
 * same span as a waiting paper's life), not a calendar day: no rush at midnight, and no time zone to choose.
 */
export type UploadQuota = { dayFiles: number; dayBytes: number; caseFiles: number; caseBytes: number };

export const QUOTA_WINDOW_MS = 24 * 3_600_000;
const MB = 1024 * 1024;

export const uploadQuotaOf = (c: Config): UploadQuota => ({
  dayFiles: c.UPLOAD_DAY_FILES,
  dayBytes: Math.floor(c.UPLOAD_DAY_MB * MB),
  caseFiles: c.UPLOAD_CASE_FILES,
  caseBytes: Math.floor(c.UPLOAD_CASE_MB * MB),
});

/**
 * Holds, until the transaction ends, the right to add papers for this account or case: two sends at once
 * are counted one after the other, so that together they cannot pass the limit either.
 */
export async function lockUploads(tx: Executor, scope: 'account' | 'case', id: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`jisr.uploads.${scope}:${id}`}, 0))`);
}

/**
 * What an account sent in the last 24 hours: its waiting papers, the papers it added to its own cases (a
 * merged case's copies counted once), and the papers it withdrew (else withdrawing would free the allowance).
 */
export async function accountUsage(db: Executor, accountId: string, now = currentTime()) {
  const since = sql`${new Date(now.getTime() - QUOTA_WINDOW_MS).toISOString()}::timestamptz`;
  const ownCases = sql`select ${cases.id} from ${cases} where ${cases.requesterId} = ${accountId}
    union all select ${cases.id} from ${cases} where ${cases.representativeId} = ${accountId}`;
  const [row] = await db
    .select({
      files: sql<string>`coalesce(sum(n), 0)`,
      bytes: sql<string>`coalesce(sum(size), 0)`,
    })
    .from(
      sql`(select 1 as n, ${pendingUploads.size} as size from ${pendingUploads}
        where ${pendingUploads.accountId} = ${accountId} and ${pendingUploads.createdAt} > ${since}
      union all
      select distinct on (${attachments.sha256}, ${attachments.createdAt}) 1, ${attachments.size}
        from ${attachments} where ${attachments.uploadedBy} = ${accountId}
        and ${attachments.createdAt} > ${since} and ${attachments.caseId} in (${ownCases})
      union all
      select 1, (${auditLog.data}->>'size')::int from ${auditLog}
        where ${auditLog.entityType} = 'account' and ${auditLog.entityId} = ${accountId}
        and ${auditLog.action} = 'upload.withdraw' and ${auditLog.at} > ${since}
        and (${auditLog.data}->>'sentAt')::timestamptz > ${since}) as sent`,
    );
  return { files: Number(row!.files), bytes: Number(row!.bytes) };
}

/** Refuses (429) a paper that would take the account past its 24 hours' allowance. */
export async function assertAccountRoom(db: Executor, accountId: string, size: number, q: UploadQuota) {
  const used = await accountUsage(db, accountId);
  if (used.files + 1 > q.dayFiles) throw fail('upload-day-files', { max: q.dayFiles, count: q.dayFiles });
  if (used.bytes + size > q.dayBytes) throw fail('upload-day-bytes', { limit: new ByteSize(q.dayBytes) });
}

/** Refuses (422) papers that would take a case past what it may hold, counting those it has. */
export async function assertCaseRoom(
  db: Executor,
  caseId: string | null,
  adding: { size: number }[],
  q: UploadQuota,
) {
  const [held] = caseId
    ? await db
        .select({ files: sql<string>`count(*)`, bytes: sql<string>`coalesce(sum(${attachments.size}), 0)` })
        .from(attachments)
        .where(eq(attachments.caseId, caseId))
    : [{ files: '0', bytes: '0' }];
  const files = Number(held!.files) + adding.length;
  const bytes = Number(held!.bytes) + adding.reduce((s, f) => s + f.size, 0);
  if (files > q.caseFiles) throw fail('upload-case-files', { max: q.caseFiles, count: q.caseFiles });
  if (bytes > q.caseBytes) throw fail('upload-case-bytes', { limit: new ByteSize(q.caseBytes) });
}
