/** Postal letters: created by the `post` channel, batched each day for printing, marked posted by staff. */
import { and, asc, desc, eq, inArray, isNull, lt, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor, Tx } from '../../db/client.js';
import type { Lang } from '../../i18n/index.js';
import { forbidden, notFound } from '../../server/errors.js';
import { fail } from '../../server/problems.js';
import { currentTime } from '../../shared/clock.js';
import type { Actor } from '../accounts/actor.js';
import type { PostalAddress } from '../accounts/schema.js';
import { recordAudit } from '../audit/service.js';
import { type CaseRow, caseEvents } from '../cases/schema.js';
import { getDepartment, getInstitution } from '../institutions/service.js';
import type { NotificationRow, SendResult } from './delivery.js';
import { caseAddressee, resolveTemplate } from './notify.js';
import { type LetterData, type LetterOptions, renderCoverList, renderLetters } from './pdf/letter.js';
import { letterBatches, letters } from './schema.js';
import { requireInScope } from './scope.js';
import { fill } from './templates.js';

/** The internal adapter of the `post` channel: one letter per message, whatever the number of tries. */
export async function createLetter(tx: Tx, n: NotificationRow): Promise<SendResult> {
  const p = n.payload as {
    address: PostalAddress;
    recipientName: string;
    reference: string;
    departmentId?: string | null;
    trackingUrl?: string | null;
  };
  const [row] = await tx
    .insert(letters)
    .values({
      notificationId: n.id,
      institutionId: n.institutionId!,
      departmentId: p.departmentId ?? null,
      caseId: n.caseId,
      reference: p.reference,
      event: n.event,
      language: n.language,
      recipientName: p.recipientName,
      address: p.address,
      subject: n.subject,
      body: n.textBody,
      trackingUrl: p.trackingUrl ?? null,
    })
    .onConflictDoNothing({ target: letters.notificationId })
    .returning({ id: letters.id });
  return { providerMessageId: row?.id ?? null };
}

/**
 * Who handles which letters: the reception desk (the mail room) and supervisors all of the institution's;
 * department agents those of their department (an agent of no department, all). Null when none.
 */
export function letterScope(actor: Actor, institutionId: string): SQL | undefined | null {
  const ms = actor.memberships.filter((m) => m.institutionId === institutionId);
  if (ms.some((m) => m.role === 'supervisor' || m.role === 'reception_agent')) return undefined;
  const depts = ms.filter((m) => m.role === 'department_agent' && m.departmentId).map((m) => m.departmentId!);
  if (ms.some((m) => m.role === 'department_agent' && !m.departmentId)) return undefined;
  return depts.length ? inArray(letters.departmentId, depts) : null;
}

/** Batches are the mail room's: reception agents and supervisors. */
export function canBatch(actor: Actor, institutionId: string) {
  return actor.memberships.some(
    (m) => m.institutionId === institutionId && (m.role === 'supervisor' || m.role === 'reception_agent'),
  );
}

export async function listLetters(
  db: Db,
  actor: Actor,
  institutionId: string,
  q: { status?: 'queued' | 'batched' | 'posted'; batchId?: string },
) {
  const scope = letterScope(actor, institutionId);
  if (scope === null) throw forbidden();
  return db
    .select({
      id: letters.id,
      reference: letters.reference,
      event: letters.event,
      language: letters.language,
      recipientName: letters.recipientName,
      country: sql<string>`${letters.address}->>'country'`,
      status: letters.status,
      batchId: letters.batchId,
      caseId: letters.caseId,
      departmentId: letters.departmentId,
      createdAt: letters.createdAt,
      postedAt: letters.postedAt,
    })
    .from(letters)
    .where(
      and(
        eq(letters.institutionId, institutionId),
        q.status ? eq(letters.status, q.status) : undefined,
        q.batchId ? eq(letters.batchId, q.batchId) : undefined,
        scope,
      ),
    )
    .orderBy(asc(letters.createdAt))
    .limit(500);
}

async function visibleLetter(db: Db, actor: Actor, id: string) {
  const [row] = await db.select().from(letters).where(eq(letters.id, id));
  if (!row) throw notFound();
  await requireInScope(db, letters, id, letterScope(actor, row.institutionId));
  return row;
}

export async function letterData(db: Executor, rows: (typeof letters.$inferSelect)[]): Promise<LetterData[]> {
  const out: LetterData[] = [];
  for (const l of rows) {
    const institution = (await getInstitution(db, l.institutionId))!;
    const department = l.departmentId ? await getDepartment(db, l.institutionId, l.departmentId) : null;
    out.push({
      institution,
      department,
      language: l.language as Lang,
      reference: l.reference,
      date: l.createdAt,
      recipientName: l.recipientName,
      address: l.address,
      subject: l.subject,
      body: l.body,
      trackingUrl: l.trackingUrl,
    });
  }
  return out;
}

/**
 * The verification code a posted letter prints, when it is a paper the platform issues (a reply letter: the
 * same code as the one the person downloads); null for a notice.
 */
export type VerificationOf = (
  row: typeof letters.$inferSelect,
) => Promise<{ code: string; url: string } | null>;

export async function letterPdf(
  db: Db,
  actor: Actor,
  id: string,
  o: LetterOptions,
  verificationOf: VerificationOf = async () => null,
) {
  const row = await visibleLetter(db, actor, id);
  const [data] = await letterData(db, [row]);
  data!.verification = await verificationOf(row);
  const { pdf } = await renderLetters([data!], o);
  return { pdf, reference: row.reference };
}

/** Renders any letter (no access check): for the worker and tests. */
export async function renderLetterById(db: Db, id: string, o: LetterOptions) {
  const [row] = await db.select().from(letters).where(eq(letters.id, id));
  if (!row) throw notFound();
  return renderLetters(await letterData(db, [row]), o);
}

/** Morocco's calendar day of a moment, as YYYY-MM-DD. */
export function moroccoDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Casablanca' }).format(at);
}

/** Puts every queued letter of the institution in a new batch. Null when there is nothing to print. */
export async function createBatch(
  db: Db,
  institutionId: string,
  actorId: string | null,
  requestId: string | null,
  now = currentTime(),
) {
  return db.transaction(async (tx) => {
    const queued = await tx
      .select({ id: letters.id })
      .from(letters)
      .where(and(eq(letters.institutionId, institutionId), eq(letters.status, 'queued')))
      .orderBy(asc(letters.createdAt))
      .for('update', { skipLocked: true });
    if (!queued.length) return null;
    const [batch] = await tx
      .insert(letterBatches)
      .values({
        institutionId,
        day: moroccoDay(now),
        letterCount: queued.length,
        createdBy: actorId,
        createdAt: now,
      })
      .returning();
    await tx
      .update(letters)
      .set({ status: 'batched', batchId: batch!.id })
      .where(
        inArray(
          letters.id,
          queued.map((q) => q.id),
        ),
      );
    await recordAudit(tx, {
      actorId,
      action: 'letter_batch.create',
      entityType: 'letter_batch',
      entityId: batch!.id,
      institutionId,
      requestId,
      data: { letters: queued.length },
    });
    return batch!;
  });
}

/**
 * The daily job: after the batch hour (Morocco time), every institution with letters queued before today
 * gets its batch. Letters written later wait for the next day; staff can also batch at any time.
 */
export async function batchDueLetters(db: Db, batchHour: number, now = currentTime()) {
  const hour = Number(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Africa/Casablanca',
      hour: '2-digit',
      hourCycle: 'h23',
    }).format(now),
  );
  if (hour < batchHour) return [];
  const today = moroccoDay(now);
  const pending = await db
    .selectDistinct({ institutionId: letters.institutionId })
    .from(letters)
    .where(and(eq(letters.status, 'queued'), lt(letters.createdAt, now)));
  const made = [];
  for (const { institutionId } of pending) {
    const [already] = await db
      .select({ id: letterBatches.id })
      .from(letterBatches)
      .where(
        and(
          eq(letterBatches.institutionId, institutionId),
          eq(letterBatches.day, today),
          isNull(letterBatches.createdBy),
        ),
      );
    if (already) continue;
    const b = await createBatch(db, institutionId, null, null, now);
    if (b) made.push(b);
  }
  return made;
}

export async function listBatches(db: Db, institutionId: string) {
  return db
    .select()
    .from(letterBatches)
    .where(eq(letterBatches.institutionId, institutionId))
    .orderBy(desc(letterBatches.createdAt))
    .limit(100);
}

export async function getBatch(db: Db, actor: Actor, id: string) {
  const [b] = await db.select().from(letterBatches).where(eq(letterBatches.id, id));
  if (!b || !canBatch(actor, b.institutionId)) throw notFound();
  return b;
}

async function batchLetters(db: Db, batchId: string) {
  return db.select().from(letters).where(eq(letters.batchId, batchId)).orderBy(asc(letters.createdAt));
}

/** The batch's letters in one PDF, and its cover list with each letter's page count. */
export async function batchPdfs(
  db: Db,
  actor: Actor,
  id: string,
  lang: Lang,
  o: LetterOptions,
  verificationOf: VerificationOf = async () => null,
) {
  const b = await getBatch(db, actor, id);
  const rows = await batchLetters(db, id);
  const data = await letterData(db, rows);
  for (const [i, row] of rows.entries()) data[i]!.verification = await verificationOf(row);
  const { pdf, pages } = await renderLetters(data, o);
  const institution = (await getInstitution(db, b.institutionId))!;
  const cover = await renderCoverList(
    {
      institution,
      day: new Date(`${b.day}T12:00:00Z`),
      rows: rows.map((l, i) => ({
        reference: l.reference,
        recipientName: l.recipientName,
        country: l.address.country,
        pages: pages[i] ?? 1,
      })),
    },
    lang,
  );
  return { batch: b, letters: pdf, cover };
}

export async function markLetterPosted(
  db: Db,
  actor: Actor,
  id: string,
  requestId: string,
  now = currentTime(),
) {
  const row = await visibleLetter(db, actor, id);
  if (row.status === 'posted') throw fail('letter-already-posted');
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(letters)
      .set({ status: 'posted', postedAt: now, postedBy: actor.accountId })
      .where(and(eq(letters.id, id), sql`${letters.status} <> 'posted'`))
      .returning();
    if (!updated) throw fail('letter-already-posted');
    await recordAudit(tx, {
      actorId: actor.accountId,
      action: 'letter.posted',
      entityType: 'letter',
      entityId: id,
      institutionId: row.institutionId,
      requestId,
      data: { caseId: row.caseId },
    });
    return updated;
  });
}

export async function markBatchPosted(
  db: Db,
  actor: Actor,
  id: string,
  requestId: string,
  now = currentTime(),
) {
  const b = await getBatch(db, actor, id);
  if (b.postedAt) throw fail('letter-already-posted');
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(letterBatches)
      .set({ postedAt: now, postedBy: actor.accountId })
      .where(and(eq(letterBatches.id, id), isNull(letterBatches.postedAt)))
      .returning();
    if (!updated) throw fail('letter-already-posted');
    const posted = await tx
      .update(letters)
      .set({ status: 'posted', postedAt: now, postedBy: actor.accountId })
      .where(and(eq(letters.batchId, id), eq(letters.status, 'batched')))
      .returning({ id: letters.id });
    await recordAudit(tx, {
      actorId: actor.accountId,
      action: 'letter_batch.posted',
      entityType: 'letter_batch',
      entityId: id,
      institutionId: b.institutionId,
      requestId,
      data: { letters: posted.length },
    });
    return { ...updated, posted: posted.length };
  });
}

/**
 * The reasoned reply of a case as a letter, for the citizen to download and for staff to print: the very
 * letter the body posted when the person chose post, otherwise the same letter composed from the approved
 * reply (the same template, names and reference), dated the day of approval, without an address block.
 * Null while the case has no approved reply.
 */
export async function replyLetter(db: Db, c: CaseRow, o: LetterOptions, publicUrl: string) {
  const [posted] = await db
    .select()
    .from(letters)
    .where(and(eq(letters.caseId, c.id), eq(letters.event, 'reply_sent')))
    .orderBy(desc(letters.createdAt))
    .limit(1);
  if (posted) return (await renderLetters(await letterData(db, [posted]), o)).pdf;
  const [approved] = await db
    .select({ id: caseEvents.id, at: caseEvents.createdAt })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, c.id), eq(caseEvents.type, 'reply_approved')))
    .orderBy(desc(caseEvents.id))
    .limit(1);
  if (!approved) return null;
  const [draft] = await db
    .select({ reason: caseEvents.reason })
    .from(caseEvents)
    .where(
      and(eq(caseEvents.caseId, c.id), eq(caseEvents.type, 'reply_drafted'), lt(caseEvents.id, approved.id)),
    )
    .orderBy(desc(caseEvents.id))
    .limit(1);
  const to = await caseAddressee(db, c, { reply: draft?.reason ?? '' }, publicUrl);
  if (!to) return null;
  const tpl = await resolveTemplate(db, c.institutionId, 'reply_sent', 'post', c.language);
  const department = c.departmentId ? await getDepartment(db, c.institutionId, c.departmentId) : null;
  const { pdf } = await renderLetters(
    [
      {
        institution: to.institution,
        department,
        language: c.language,
        reference: c.trackingNumber,
        date: approved.at,
        recipientName: to.recipient.postalName,
        address: null,
        subject: fill(tpl.subject ?? '', to.params),
        body: fill(tpl.body, to.params),
        trackingUrl: to.link,
      },
    ],
    o,
  );
  return pdf;
}
