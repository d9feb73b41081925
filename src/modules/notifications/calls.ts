/** Call tasks: the reply channel `phone` becomes a call for the department that owns the case. */
import { and, asc, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { forbidden, notFound } from '../../server/errors.js';
import { fail } from '../../server/problems.js';
import { currentTime } from '../../shared/clock.js';
import type { Actor } from '../accounts/actor.js';
import { recordAudit } from '../audit/service.js';
import type { NotificationRow, SendResult } from './delivery.js';
import { type CallOutcome, callAttempts, callTasks } from './schema.js';
import { requireInScope } from './scope.js';

/** The internal adapter of the `phone` channel: one task per message, whatever the number of tries. */
export async function createCallTask(tx: Tx, n: NotificationRow): Promise<SendResult> {
  const p = n.payload as { departmentId?: string | null };
  const [row] = await tx
    .insert(callTasks)
    .values({
      notificationId: n.id,
      institutionId: n.institutionId!,
      departmentId: p.departmentId ?? null,
      caseId: n.caseId,
      citizenId: n.recipientId,
      phone: n.toAddress,
      language: n.language,
      event: n.event,
      script: n.textBody,
    })
    .onConflictDoNothing({ target: callTasks.notificationId })
    .returning({ id: callTasks.id });
  return { providerMessageId: row?.id ?? null };
}

/**
 * Which call tasks a staff member handles in an institution: supervisors all of them; department agents
 * their department's (and those of cases not routed yet when they belong to no department); reception
 * agents those of cases not routed yet. Null when none.
 */
export function callScope(actor: Actor, institutionId: string): SQL | undefined | null {
  const ms = actor.memberships.filter((m) => m.institutionId === institutionId);
  if (ms.some((m) => m.role === 'supervisor')) return undefined;
  const depts = ms.filter((m) => m.role === 'department_agent' && m.departmentId).map((m) => m.departmentId!);
  const unrouted = ms.some(
    (m) => m.role === 'reception_agent' || (m.role === 'department_agent' && !m.departmentId),
  );
  const conds: SQL[] = [];
  if (depts.length) conds.push(inArray(callTasks.departmentId, depts));
  if (unrouted) conds.push(isNull(callTasks.departmentId));
  return conds.length ? or(...conds)! : null;
}

export async function listCallTasks(db: Db, actor: Actor, institutionId: string, status: 'open' | 'done') {
  const scope = callScope(actor, institutionId);
  if (scope === null) throw forbidden();
  return db
    .select()
    .from(callTasks)
    .where(and(eq(callTasks.institutionId, institutionId), eq(callTasks.status, status), scope))
    .orderBy(asc(callTasks.callAt))
    .limit(200);
}

export async function getCallTask(db: Db, actor: Actor, id: string) {
  const [task] = await db.select().from(callTasks).where(eq(callTasks.id, id));
  if (!task) throw notFound();
  await requireInScope(db, callTasks, id, callScope(actor, task.institutionId));
  const attempts = await db
    .select()
    .from(callAttempts)
    .where(eq(callAttempts.taskId, id))
    .orderBy(asc(callAttempts.id));
  return { ...task, attemptsLog: attempts };
}

/**
 * The agent's outcome of a call: reached closes the task; no answer keeps it open (call again in an hour);
 * call back moves it to the time the person asked for; a wrong number closes it.
 */
export async function recordCallOutcome(
  db: Db,
  actor: Actor,
  id: string,
  input: { outcome: CallOutcome; callBackAt?: Date | null; note?: string | null },
  requestId: string,
  now = currentTime(),
) {
  const task = await getCallTask(db, actor, id);
  if (task.status !== 'open') throw fail('call-task-closed');
  if (input.outcome === 'call_back' && (!input.callBackAt || input.callBackAt <= now))
    throw fail('call-call-back-time-required');
  const done = input.outcome === 'reached' || input.outcome === 'wrong_number';
  const callAt =
    input.outcome === 'call_back'
      ? input.callBackAt!
      : input.outcome === 'no_answer'
        ? new Date(now.getTime() + 3_600_000)
        : task.callAt;
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(callTasks)
      .set({
        status: done ? 'done' : 'open',
        attempts: task.attempts + 1,
        lastOutcome: input.outcome,
        callAt,
        closedAt: done ? now : null,
      })
      .where(and(eq(callTasks.id, id), eq(callTasks.status, 'open'), eq(callTasks.attempts, task.attempts)))
      .returning();
    if (!updated) throw fail('call-task-closed');
    await tx.insert(callAttempts).values({
      taskId: id,
      agentId: actor.accountId,
      outcome: input.outcome,
      callBackAt: input.outcome === 'call_back' ? input.callBackAt! : null,
      note: input.note ?? null,
      at: now,
    });
    await recordAudit(tx, {
      actorId: actor.accountId,
      action: 'call_task.outcome',
      entityType: 'call_task',
      entityId: id,
      institutionId: task.institutionId,
      requestId,
      data: { outcome: input.outcome, caseId: task.caseId },
    });
    return updated;
  });
}
