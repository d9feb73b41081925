/**
 * The writing side of webhooks: an event of a case or a booking is queued for each of the body's active
 * subscriptions to it, in the transaction of the event, once per subscription (the event key is unique per
 * subscription). The payload follows the Standard Webhooks shape (`type`, `timestamp`, `data`) and carries
 * identifiers and codes only: never a name, an address, a phone, a description, a reply or a paper.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { cases } from '../cases/schema.js';
import type { CaseAction } from '../cases/state-machine.js';
import { caseCategories } from '../catalog/schema.js';
import { institutions } from '../institutions/schema.js';
import type { WebhookEvent } from './contract.js';
import { webhookDeliveries, webhookSubscriptions } from './schema.js';

/** The live subscriptions of these bodies to an event. */
async function subscribersOf(tx: Executor, institutionIds: string[], event: string) {
  return tx
    .select({ id: webhookSubscriptions.id, institutionId: webhookSubscriptions.institutionId })
    .from(webhookSubscriptions)
    .where(
      and(
        inArray(webhookSubscriptions.institutionId, [...new Set(institutionIds)]),
        eq(webhookSubscriptions.status, 'active'),
        isNull(webhookSubscriptions.deletedAt),
        sql`${webhookSubscriptions.events} @> ${JSON.stringify([event])}::jsonb`,
      ),
    );
}

/** Writes one delivery per subscription; the same event key twice for a subscription is a no-op. */
export async function queueDeliveries(
  tx: Executor,
  subs: { id: string; institutionId: string }[],
  event: string,
  eventKey: string,
  data: Record<string, unknown>,
  now: Date,
) {
  if (!subs.length) return 0;
  const payload = { type: event, timestamp: now.toISOString(), data };
  const rows = await tx
    .insert(webhookDeliveries)
    .values(
      subs.map((s) => ({
        subscriptionId: s.id,
        institutionId: s.institutionId,
        event,
        eventKey,
        payload,
        nextAttemptAt: now,
        createdAt: now,
      })),
    )
    .onConflictDoNothing({ target: [webhookDeliveries.subscriptionId, webhookDeliveries.eventKey] })
    .returning({ id: webhookDeliveries.id });
  return rows.length;
}

const codeOf = async (tx: Executor, institutionId: string) =>
  (
    await tx.select({ code: institutions.code }).from(institutions).where(eq(institutions.id, institutionId))
  )[0]?.code ?? null;

/**
 * Queues a case's event for the subscriptions of the body it happened at (and, for a move to another body,
 * of the body it went to). `key` names the event once (the timeline event's id, the escalation's level).
 */
export async function queueCaseWebhook(
  tx: Executor,
  input: {
    event: WebhookEvent;
    caseId: string;
    /** The body the event happened at (for a move, the one the case left). */
    institutionId: string;
    key: string;
    now: Date;
    /** For a move: the body the case is at now (the same body for a move between departments). */
    toInstitutionId?: string;
    extra?: Record<string, string | number>;
  },
) {
  const bodies = [input.institutionId, ...(input.toInstitutionId ? [input.toInstitutionId] : [])];
  const subs = await subscribersOf(tx, bodies, input.event);
  if (!subs.length) return 0;
  const [c] = await tx
    .select({
      trackingNumber: cases.trackingNumber,
      kind: cases.kind,
      state: cases.state,
      categoryCode: caseCategories.code,
    })
    .from(cases)
    .innerJoin(caseCategories, eq(caseCategories.id, cases.categoryId))
    .where(eq(cases.id, input.caseId));
  if (!c) return 0;
  const data = {
    bodyCode: await codeOf(tx, input.institutionId),
    caseId: input.caseId,
    trackingNumber: c.trackingNumber,
    kind: c.kind,
    categoryCode: c.categoryCode,
    state: c.state,
    ...(input.toInstitutionId ? { destinationBodyCode: await codeOf(tx, input.toInstitutionId) } : {}),
    ...input.extra,
  };
  return queueDeliveries(
    tx,
    subs,
    input.event,
    `${input.event}:${input.caseId}:${input.key}`,
    data,
    input.now,
  );
}

/** The webhook event a step of the state machine makes, if any. */
const actionEvents: Partial<Record<CaseAction, WebhookEvent>> = {
  acknowledge: 'case.acknowledged',
  request_info: 'case.info_requested',
  approve_reply: 'case.replied',
  close: 'case.closed',
  reject: 'case.closed',
  withdraw: 'case.closed',
  refer: 'case.closed',
  refer_inside: 'case.transferred',
};

/** Queues the webhook of a step of the state machine (`before`: the case as it was before the step). */
export async function queueCaseActionWebhook(
  tx: Executor,
  action: CaseAction,
  before: { id: string; institutionId: string },
  after: { institutionId: string },
  eventId: number,
  now: Date,
) {
  const event = actionEvents[action];
  if (!event) return 0;
  return queueCaseWebhook(tx, {
    event,
    caseId: before.id,
    institutionId: before.institutionId,
    key: String(eventId),
    now,
    ...(event === 'case.transferred' ? { toInstitutionId: after.institutionId } : {}),
  });
}

/** Queues a booking's event: its reference, service, time and mode, and its case if it has one. */
export async function queueAppointmentWebhook(
  tx: Executor,
  event: 'appointment.booked' | 'appointment.cancelled',
  a: {
    id: string;
    institutionId: string;
    reference: string;
    serviceId: string;
    startsAt: Date;
    endsAt: Date;
    mode: string;
    caseId: string | null;
  },
  now: Date,
) {
  const subs = await subscribersOf(tx, [a.institutionId], event);
  if (!subs.length) return 0;
  const data = {
    bodyCode: await codeOf(tx, a.institutionId),
    appointmentId: a.id,
    reference: a.reference,
    serviceId: a.serviceId,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    mode: a.mode,
    caseId: a.caseId,
  };
  return queueDeliveries(tx, subs, event, `${event}:${a.id}`, data, now);
}

/**
 * Queues the deadline watch's escalations of a page of cases: one look for subscriptions of all their bodies
 * first, so that a page costs one query more when no body listens.
 */
export async function queueEscalationWebhooks(
  tx: Executor,
  steps: { caseId: string; institutionId: string; level: number }[],
  now: Date,
) {
  if (!steps.length) return;
  const subs = await subscribersOf(
    tx,
    steps.map((s) => s.institutionId),
    'case.escalated',
  );
  const listening = new Set(subs.map((s) => s.institutionId));
  for (const s of steps.filter((x) => listening.has(x.institutionId)))
    await queueCaseWebhook(tx, {
      event: 'case.escalated',
      caseId: s.caseId,
      institutionId: s.institutionId,
      key: `deadline:${s.level}`,
      now,
      extra: { by: 'deadline', level: s.level },
    });
}
