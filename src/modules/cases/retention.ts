/**
 * Retention (law 09-08): a case settled longer ago than its period (the body's own for the category, or the
 * platform's `RETENTION_MONTHS`) loses its content; the row stays for the figures and the person's list.
 * See docs/decisions/2026-12-07-retention.md for what is kept and why.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { currentTime } from '../../shared/clock.js';
import { recordWorkerAudit } from '../audit/service.js';
import { institutionCategorySettings } from '../catalog/schema.js';
import { forgetCaseVisits } from '../desk/retention.js';
import { forgetCaseMessages } from '../notifications/retention.js';
import { forgetFollowUpNotes } from '../satisfaction/follow-ups.js';
import type { BlobStore } from '../storage/blob-store.js';
import { removeUnheldBlobs } from './blobs.js';
import { attachments, caseEvents, caseRatings, cases, filingKeys } from './schema.js';
import type { CaseState } from './state-machine.js';

/** States in which a case is settled and its closing time (`closed_at`) starts the retention period. */
export const settledStates = [
  'answered',
  'closed',
  'rejected',
  'referred',
  'withdrawn',
] as const satisfies readonly CaseState[];

/** Cases anonymised in one transaction each, at most this many per batch. */
export const RETENTION_BATCH = 200;

export type RetentionOptions = {
  files: BlobStore;
  /** The platform's period, in months, where a body set none for the category. */
  defaultMonths: number;
  batchSize?: number;
  now?: Date;
};

/**
 * Where a pass got to: the next batch starts after this case (closing time, then id). The time is kept as the
 * database wrote it (to the microsecond, in UTC), so that a case that failed is not read again in the same pass.
 */
export type RetentionCursor = { closedAt: string; id: string };

export type RetentionBatch = {
  anonymised: number;
  /** Cases that could not be anonymised this time (logged by the worker, tried again on the next pass). */
  failed: number;
  /** Null when the pass is over: nothing more is due. */
  next: RetentionCursor | null;
};

/** The shortest period in force anywhere: no case closed after `now` minus it can be due. */
async function shortestMonths(db: Db, defaultMonths: number): Promise<number> {
  const [row] = await db
    .select({ m: sql<number | null>`min(${institutionCategorySettings.retentionMonths})::int` })
    .from(institutionCategorySettings);
  return Math.min(defaultMonths, row?.m ?? defaultMonths);
}

/** Settled cases past their period and not yet anonymised, oldest closing first, after the cursor. */
async function dueCases(db: Db, o: Required<RetentionOptions>, after: RetentionCursor | null) {
  const now = sql`${o.now.toISOString()}::timestamptz`;
  const bound = await shortestMonths(db, o.defaultMonths);
  const months = sql<number>`coalesce(${institutionCategorySettings.retentionMonths}, ${o.defaultMonths}::int)`;
  return db
    .select({
      id: cases.id,
      closedAt: sql<string>`to_char(${cases.closedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      months,
    })
    .from(cases)
    .leftJoin(
      institutionCategorySettings,
      and(
        eq(institutionCategorySettings.institutionId, cases.institutionId),
        eq(institutionCategorySettings.categoryId, cases.categoryId),
      ),
    )
    .where(
      and(
        isNull(cases.anonymisedAt),
        sql`${cases.closedAt} is not null`,
        // the index's range: nothing closed within the shortest period in force can be due
        sql`${cases.closedAt} < ${now} - make_interval(months => ${bound}::int)`,
        after
          ? sql`(${cases.closedAt}, ${cases.id}) > (${after.closedAt}::timestamptz, ${after.id}::uuid)`
          : undefined,
        inArray(cases.state, [...settledStates]),
        sql`${cases.closedAt} < ${now} - make_interval(months => ${months})`,
      ),
    )
    .orderBy(asc(cases.closedAt), asc(cases.id))
    .limit(o.batchSize);
}

/**
 * Removes one case's content in one transaction, if it is still settled, due and not yet done: its text,
 * fields and the requester's names on it; the words of its timeline (messages, notes, reasons, the reply);
 * the rating's comment; its papers; what its messages, letters, calls and desk visits said. Keeps its number,
 * body, category, kind, channels, states, dates and durations. One audit row, with no personal data.
 * Returns the files to remove once committed, or null when there was nothing to do.
 */
async function anonymiseCase(db: Db, id: string, months: number, now: Date) {
  return db.transaction(async (tx) => {
    const [done] = await tx
      .update(cases)
      .set({
        subject: '',
        description: '',
        fields: {},
        requesterName: '',
        mandateReference: null,
        // a paper file's old reference and service are its content; the day it was first filed stays (figures)
        legacyReference: null,
        legacyService: null,
        anonymisedAt: now,
        // a page opened before now can no longer change the case: its version is out of date
        version: sql`${cases.version} + 1`,
      })
      .where(
        and(
          eq(cases.id, id),
          isNull(cases.anonymisedAt),
          inArray(cases.state, [...settledStates]),
          sql`${cases.closedAt} < ${now.toISOString()}::timestamptz - make_interval(months => ${months}::int)`,
        ),
      )
      .returning({
        institutionId: cases.institutionId,
        categoryId: cases.categoryId,
        state: cases.state,
        closedAt: cases.closedAt,
      });
    if (!done) return null;
    const words = await tx
      .update(caseEvents)
      .set({ reason: null })
      .where(and(eq(caseEvents.caseId, id), sql`${caseEvents.reason} is not null`))
      .returning({ id: caseEvents.id });
    // a reasoned reply's parts are its words too
    await tx
      .update(caseEvents)
      .set({ data: sql`${caseEvents.data} - 'parts'` })
      .where(and(eq(caseEvents.caseId, id), sql`(${caseEvents.data} -> 'parts') is not null`));
    await tx.update(caseRatings).set({ comment: null }).where(eq(caseRatings.caseId, id));
    await forgetFollowUpNotes(tx, id);
    // the paper file's reference and service, kept on the filing step too
    await tx
      .update(caseEvents)
      .set({ data: sql`${caseEvents.data} - 'legacy'` })
      .where(and(eq(caseEvents.caseId, id), eq(caseEvents.type, 'submitted')));
    const papers = await tx
      .delete(attachments)
      .where(eq(attachments.caseId, id))
      .returning({ sha256: attachments.sha256 });
    await tx.delete(filingKeys).where(eq(filingKeys.caseId, id));
    const messages = await forgetCaseMessages(tx, id);
    const visits = await forgetCaseVisits(tx, id);
    await recordWorkerAudit(tx, {
      action: 'case.retention_anonymise',
      entityType: 'case',
      entityId: id,
      institutionId: done.institutionId,
      data: {
        state: done.state,
        categoryId: done.categoryId,
        closedAt: done.closedAt?.toISOString() ?? null,
        retentionMonths: months,
        events: words.length,
        papers: papers.length,
        messages,
        visits,
      },
    });
    return papers.map((p) => p.sha256);
  });
}

/**
 * One batch of the retention job: up to `batchSize` due cases after the cursor, each anonymised in its own
 * transaction, then their files removed where no other row holds the same bytes. Running it again changes
 * nothing: an anonymised case is never due again.
 */
export async function runRetentionBatch(
  db: Db,
  opts: RetentionOptions,
  after: RetentionCursor | null = null,
  onError: (err: unknown, caseId: string) => void = () => {},
): Promise<RetentionBatch> {
  const o = { batchSize: RETENTION_BATCH, now: currentTime(), ...opts };
  const due = await dueCases(db, o, after);
  let anonymised = 0;
  let failed = 0;
  for (const c of due) {
    try {
      const files = await anonymiseCase(db, c.id, c.months, o.now);
      if (!files) continue;
      anonymised++;
      await removeUnheldBlobs(db, o.files, files);
    } catch (err) {
      failed++;
      onError(err, c.id);
    }
  }
  const last = due.at(-1);
  const next = due.length === o.batchSize && last ? { closedAt: last.closedAt, id: last.id } : null;
  return { anonymised, failed, next };
}

/** Every due case at once, batch after batch (tests, and a first run on an old database). */
export async function runRetention(db: Db, opts: RetentionOptions) {
  const total = { anonymised: 0, failed: 0 };
  let after: RetentionCursor | null = null;
  do {
    const batch = await runRetentionBatch(db, opts, after);
    total.anonymised += batch.anonymised;
    total.failed += batch.failed;
    after = batch.next;
  } while (after);
  return total;
}
