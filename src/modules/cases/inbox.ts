/**
 * What other modules ask of cases for messages that arrive from outside (WhatsApp) and for deadlines:
 * finding a person's open case, threading a message into it, listing cases that just became late.
 */
import { and, asc, desc, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { recordAudit } from '../audit/service.js';
import { caseColumns, caseEvents, cases } from './schema.js';

/** Open cases of these requesters, most recently changed first (for messages that arrive from outside). */
export async function openCasesOf(db: Executor, requesterIds: string[]) {
  if (!requesterIds.length) return [];
  return db
    .select(caseColumns)
    .from(cases)
    .where(
      and(
        inArray(cases.requesterId, requesterIds),
        sql`${cases.state} not in ('closed', 'rejected', 'referred', 'withdrawn')`,
        isNull(cases.anonymisedAt),
      ),
    )
    .orderBy(desc(cases.updatedAt));
}

/** The most recent case of these requesters, whatever its state. */
export async function latestCaseOf(db: Executor, requesterIds: string[]) {
  if (!requesterIds.length) return null;
  const [row] = await db
    .select(caseColumns)
    .from(cases)
    .where(inArray(cases.requesterId, requesterIds))
    .orderBy(desc(cases.updatedAt))
    .limit(1);
  return row ?? null;
}

/**
 * A message from the citizen through another channel (WhatsApp, e-mail), threaded into the case: a public
 * `citizen_message` timeline event (the text as its reason, like a citizen's reply) and an audit row.
 */
export async function addCitizenMessage(
  tx: Executor,
  m: {
    caseId: string;
    institutionId: string;
    actorId: string;
    text: string;
    channel: string;
    messageId: string;
    requestId: string;
    /** More facts for the timeline (e-mail: the attachments not accepted; a relative's mandate). */
    data?: Record<string, unknown>;
  },
) {
  const [e] = await tx
    .insert(caseEvents)
    .values({
      caseId: m.caseId,
      type: 'citizen_message',
      actorId: m.actorId,
      reason: m.text,
      data: { ...m.data, channel: m.channel, messageId: m.messageId },
      visibility: 'public',
    })
    .returning({ id: caseEvents.id });
  await recordAudit(tx, {
    actorId: m.actorId,
    action: 'case.citizen_message',
    entityType: 'case',
    entityId: m.caseId,
    institutionId: m.institutionId,
    requestId: m.requestId,
    data: { channel: m.channel, eventId: e!.id },
  });
  return e!.id;
}

/** Cases whose deadline passed in (since, now] and are still waiting on the institution. */
export async function overdueCases(db: Executor, since: Date, now: Date, limit = 500) {
  return db
    .select(caseColumns)
    .from(cases)
    .where(
      and(
        sql`${cases.dueAt} > ${since.toISOString()} and ${cases.dueAt} <= ${now.toISOString()}`,
        inArray(cases.state, [
          'submitted',
          'acknowledged',
          'in_progress',
          'reply_pending_approval',
          'reopened',
        ]),
      ),
    )
    .orderBy(asc(cases.dueAt))
    .limit(limit);
}
