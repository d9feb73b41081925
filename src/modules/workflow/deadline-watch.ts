import { and, asc, inArray, lt, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { formatDate } from '../../i18n/format.js';
import { isLang } from '../../i18n/index.js';
import { accounts } from '../accounts/schema.js';
import { recordWorkerAudit } from '../audit/service.js';
import { caseEvents, cases } from '../cases/schema.js';
import { clockStates } from '../cases/state-machine.js';
import { enqueueEmail } from '../notifications/service.js';
import { queueEscalationWebhooks } from '../webhooks/events.js';
import { addWorkingDays, workingDaysBetween } from './calendar.js';
import { deadlineSteps } from './schema.js';

export const REMIND_BEFORE_WORKING_DAYS = 2;
/** After this many working days overdue, the territorial overseer is told too. */
export const OVERSEER_AFTER_WORKING_DAYS = 10;
/** Cases read, stepped and recorded together (one transaction each page). */
const PAGE = 500;

export type DeadlineStepKind = 'reminder' | 'escalation_supervisor' | 'escalation_overseer';
type Step = { caseId: string; kind: DeadlineStepKind };
const levelOf: Record<DeadlineStepKind, number> = {
  reminder: 0,
  escalation_supervisor: 1,
  escalation_overseer: 2,
};

type Watched = {
  id: string;
  institutionId: string;
  assigneeId: string | null;
  trackingNumber: string;
  subject: string;
  dueAt: Date;
  taken: number[];
};

/**
 * Reminds the person holding a case before its due date, escalates it to the body's supervisors once it is
 * overdue, then to the territory's overseers (who hear of escalations in their daily digest, see
 * `escalation-digest.ts`). It walks every case whose clock runs and whose due date is near or past, by due
 * date and id (keyset), a page at a time, whatever their number. Each step is recorded under the key (case,
 * level, due date) in the same transaction as its timeline event, audit row and reminder: two workers walking
 * the same cases take each step once, and the job can run as often as wanted.
 */
export async function runDeadlineWatch(db: Db, now: Date, publicUrl: string): Promise<Step[]> {
  const soon = addWorkingDays(now, REMIND_BEFORE_WORKING_DAYS);
  const done: Step[] = [];
  let after: { dueAt: Date; id: string } | null = null;
  for (;;) {
    const page: Watched[] = await watchedPage(db, now, soon, after);
    const steps = page.flatMap((c) => stepsFor(c, now).map((kind) => ({ c, kind })));
    if (steps.length) done.push(...(await takeSteps(db, now, publicUrl, steps)));
    if (page.length < PAGE) return done;
    const last = page[page.length - 1]!;
    after = { dueAt: last.dueAt, id: last.id };
  }
}

/**
 * The next page of cases that may need a step: due before `soon`, their clock running, and the steps their
 * due date calls for not all taken for it (a case between 10 calendar days and 10 working days overdue
 * comes back while it holds only its supervisor step; the keyset moves past it).
 */
function watchedPage(db: Db, now: Date, soon: Date, after: { dueAt: Date; id: string } | null) {
  const at = sql`${now.toISOString()}::timestamptz`;
  const takenLevel = (level: number) =>
    sql`exists (select 1 from ${deadlineSteps} k where k.case_id = ${cases.id} and k.due_at = ${cases.dueAt} and k.level = ${level})`;
  return db
    .select({
      id: cases.id,
      institutionId: cases.institutionId,
      assigneeId: cases.assigneeId,
      trackingNumber: cases.trackingNumber,
      subject: cases.subject,
      dueAt: cases.dueAt,
      taken: sql<
        number[]
      >`array(select k.level from ${deadlineSteps} k where k.case_id = ${cases.id} and k.due_at = ${cases.dueAt})`,
    })
    .from(cases)
    .where(
      and(
        inArray(cases.state, [...clockStates]),
        lt(cases.dueAt, soon),
        after
          ? sql`(${cases.dueAt}, ${cases.id}) > (${after.dueAt.toISOString()}::timestamptz, ${after.id}::uuid)`
          : undefined,
        sql`case when ${cases.dueAt} >= ${at} then not ${takenLevel(0)}
          when ${cases.dueAt} >= ${at} - interval '${sql.raw(String(OVERSEER_AFTER_WORKING_DAYS))} days' then not ${takenLevel(1)}
          else not (${takenLevel(1)} and ${takenLevel(2)}) end`,
      ),
    )
    .orderBy(asc(cases.dueAt), asc(cases.id))
    .limit(PAGE);
}

/**
 * The steps a case's due date calls for now and not yet taken for that due date: the reminder before it; once
 * past, the supervisors; 10 working days past, the overseers too (and the supervisors, if they never were).
 */
function stepsFor(c: Watched, now: Date): DeadlineStepKind[] {
  const taken = (level: number) => c.taken.map(Number).includes(level);
  if (c.dueAt >= now) return taken(0) ? [] : ['reminder'];
  const steps: DeadlineStepKind[] = taken(1) ? [] : ['escalation_supervisor'];
  if (workingDaysBetween(c.dueAt, now) >= OVERSEER_AFTER_WORKING_DAYS && !taken(2)) {
    steps.push('escalation_overseer');
  }
  return steps;
}

/**
 * Records a page's steps; only those whose key this transaction wrote are acted on (another worker may have
 * taken the others a moment before): the timeline events, the audit rows, the reminders to the holders.
 */
async function takeSteps(
  db: Db,
  now: Date,
  publicUrl: string,
  steps: { c: Watched; kind: DeadlineStepKind }[],
): Promise<Step[]> {
  return db.transaction(async (tx) => {
    const won = await tx
      .insert(deadlineSteps)
      .values(
        steps.map(({ c, kind }) => ({ caseId: c.id, level: levelOf[kind], dueAt: c.dueAt, createdAt: now })),
      )
      .onConflictDoNothing()
      .returning({ caseId: deadlineSteps.caseId, level: deadlineSteps.level });
    const wonKey = new Set(won.map((w) => `${w.caseId}:${w.level}`));
    const taken = steps.filter(({ c, kind }) => wonKey.has(`${c.id}:${levelOf[kind]}`));
    if (!taken.length) return [];
    const holders = await holdersOf(
      tx,
      taken.filter((s) => s.kind === 'reminder').map((s) => s.c.assigneeId),
    );
    const reminded = new Map<string, number>();
    for (const { c, kind } of taken) {
      if (kind !== 'reminder') continue;
      const holder = c.assigneeId ? holders.get(c.assigneeId) : undefined;
      reminded.set(c.id, holder ? 1 : 0);
      if (!holder) continue;
      const lang = isLang(holder.lang) ? holder.lang : 'fr';
      await enqueueEmail(tx, {
        to: holder.email,
        template: 'deadline_reminder',
        lang,
        caseId: c.id,
        params: {
          tracking: c.trackingNumber,
          subject: c.subject,
          due: formatDate(c.dueAt, lang),
          url: `${publicUrl}/staff/cases/${c.id}`,
        },
      });
    }
    const dataOf = (c: Watched, kind: DeadlineStepKind) => ({
      level: levelOf[kind],
      overdueWorkingDays: c.dueAt < now ? workingDaysBetween(c.dueAt, now) : 0,
      ...(kind === 'reminder' ? { notified: reminded.get(c.id) ?? 0 } : {}),
    });
    await tx.insert(caseEvents).values(
      taken.map(({ c, kind }) => ({
        caseId: c.id,
        type: kind === 'reminder' ? 'deadline_reminder' : 'escalated',
        data: dataOf(c, kind),
        visibility: 'internal' as const,
        createdAt: now,
      })),
    );
    await recordWorkerAudit(
      tx,
      taken.map(({ c, kind }) => ({
        action: `case.${kind}`,
        entityType: 'case',
        entityId: c.id,
        institutionId: c.institutionId,
        data: dataOf(c, kind),
      })),
    );
    await queueEscalationWebhooks(
      tx,
      taken.flatMap(({ c, kind }) =>
        kind === 'reminder' ? [] : [{ caseId: c.id, institutionId: c.institutionId, level: levelOf[kind] }],
      ),
      now,
    );
    return taken.map(({ c, kind }) => ({ caseId: c.id, kind }));
  });
}

async function holdersOf(tx: Executor, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (!wanted.length) return new Map<string, { email: string; lang: string }>();
  const rows = await tx
    .select({ id: accounts.id, email: accounts.email, lang: accounts.preferredLanguage })
    .from(accounts)
    .where(and(inArray(accounts.id, wanted), sql`${accounts.disabledAt} is null`));
  return new Map(rows.map((r) => [r.id, { email: r.email, lang: r.lang }]));
}
