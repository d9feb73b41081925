/**
 * A body's webhook subscriptions, kept by its administrator: made (the signing secret shown once), listed,
 * paused and resumed, their secret replaced (shown once again), deleted (kept, for the trail), tried with a
 * test event, and their delivery log read. Every change is audited.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { notFound } from '../../server/errors.js';
import { fail } from '../../server/problems.js';
import {
  adminChange,
  audit,
  nowOf,
  requireAdmin,
  type ServiceContext,
} from '../../server/service-context.js';
import { TEST_EVENT, type WebhookEvent, type WebhookStatus } from './contract.js';
import { queueDeliveries } from './events.js';
import { webhookAttempts, webhookDeliveries, webhookSubscriptions } from './schema.js';
import { newWebhookSecret, sealWebhookSecret } from './signing.js';
import { type UrlRules, urlProblem } from './url-rules.js';

const listed = {
  id: webhookSubscriptions.id,
  url: webhookSubscriptions.url,
  events: webhookSubscriptions.events,
  status: webhookSubscriptions.status,
  createdBy: webhookSubscriptions.createdBy,
  createdAt: webhookSubscriptions.createdAt,
  updatedAt: webhookSubscriptions.updatedAt,
  secretRotatedAt: webhookSubscriptions.secretRotatedAt,
};
type Listed = {
  id: string;
  url: string;
  events: WebhookEvent[];
  status: WebhookStatus;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  secretRotatedAt: Date | null;
};

const present = (w: Listed) => ({
  ...w,
  createdAt: w.createdAt.toISOString(),
  updatedAt: w.updatedAt.toISOString(),
  secretRotatedAt: w.secretRotatedAt?.toISOString() ?? null,
});

/** The body's subscriptions, newest first (deleted ones are not shown). */
export async function webhooksOf(ctx: ServiceContext, institutionId: string) {
  requireAdmin(ctx, institutionId);
  const rows = await ctx.db
    .select(listed)
    .from(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.institutionId, institutionId), isNull(webhookSubscriptions.deletedAt)))
    .orderBy(desc(webhookSubscriptions.createdAt));
  return rows.map(present);
}

/** The address checked against the rules: a refusal names what is wrong. */
function checkUrl(url: string, rules: UrlRules) {
  const problem = urlProblem(url, rules);
  if (problem) throw fail(problem);
}

/** Makes a subscription; the answer is the only time its secret is shown (until it is replaced). */
export async function createWebhook(
  ctx: ServiceContext,
  institutionId: string,
  input: { url: string; events: WebhookEvent[] },
  rules: UrlRules,
) {
  requireAdmin(ctx, institutionId);
  checkUrl(input.url, rules);
  const secret = newWebhookSecret();
  return adminChange(ctx, institutionId, async (tx, actorId) => {
    const now = nowOf(ctx);
    const [row] = await tx
      .insert(webhookSubscriptions)
      .values({
        institutionId,
        url: input.url,
        events: [...new Set(input.events)],
        sealedSecret: sealWebhookSecret(ctx.secret, secret),
        createdBy: actorId,
        createdAt: now,
        updatedAt: now,
      })
      .returning(listed);
    await audit(tx, ctx, {
      action: 'webhook.create',
      entityType: 'webhook',
      entityId: row!.id,
      institutionId,
      data: { host: new URL(input.url).host, events: row!.events },
    });
    return { webhook: present(row!), secret };
  });
}

/** The live subscription of the body, or 404. */
async function liveOf(tx: Tx, institutionId: string, id: string) {
  const [row] = await tx
    .select(listed)
    .from(webhookSubscriptions)
    .where(
      and(
        eq(webhookSubscriptions.id, id),
        eq(webhookSubscriptions.institutionId, institutionId),
        isNull(webhookSubscriptions.deletedAt),
      ),
    )
    .for('update');
  if (!row) throw notFound();
  return row;
}

/** Pauses (nothing is queued for it, what waits stays waiting) or resumes a subscription. */
export async function setWebhookStatus(
  ctx: ServiceContext,
  institutionId: string,
  id: string,
  status: WebhookStatus,
) {
  return adminChange(ctx, institutionId, async (tx) => {
    const current = await liveOf(tx, institutionId, id);
    if (current.status === status) return present(current);
    const [row] = await tx
      .update(webhookSubscriptions)
      .set({ status, updatedAt: nowOf(ctx) })
      .where(eq(webhookSubscriptions.id, id))
      .returning(listed);
    await audit(tx, ctx, {
      action: status === 'paused' ? 'webhook.pause' : 'webhook.resume',
      entityType: 'webhook',
      entityId: id,
      institutionId,
      data: { from: current.status, to: status },
    });
    return present(row!);
  });
}

/** Replaces the signing secret at once; the new one is shown once. Deliveries from now on use it. */
export async function rotateWebhookSecret(ctx: ServiceContext, institutionId: string, id: string) {
  const secret = newWebhookSecret();
  return adminChange(ctx, institutionId, async (tx) => {
    await liveOf(tx, institutionId, id);
    const now = nowOf(ctx);
    const [row] = await tx
      .update(webhookSubscriptions)
      .set({ sealedSecret: sealWebhookSecret(ctx.secret, secret), secretRotatedAt: now, updatedAt: now })
      .where(eq(webhookSubscriptions.id, id))
      .returning(listed);
    await audit(tx, ctx, {
      action: 'webhook.rotate_secret',
      entityType: 'webhook',
      entityId: id,
      institutionId,
      data: {},
    });
    return { webhook: present(row!), secret };
  });
}

/** Deletes a subscription (kept for the trail); what still waited for it is given up. */
export async function deleteWebhook(ctx: ServiceContext, institutionId: string, id: string) {
  await adminChange(ctx, institutionId, async (tx, actorId) => {
    const current = await liveOf(tx, institutionId, id);
    const now = nowOf(ctx);
    await tx
      .update(webhookSubscriptions)
      .set({ deletedAt: now, deletedBy: actorId, updatedAt: now })
      .where(eq(webhookSubscriptions.id, id));
    await tx
      .update(webhookDeliveries)
      .set({ status: 'dead', lastError: 'subscription deleted' })
      .where(
        and(
          eq(webhookDeliveries.subscriptionId, id),
          inArray(webhookDeliveries.status, ['pending', 'sending']),
        ),
      );
    await audit(tx, ctx, {
      action: 'webhook.delete',
      entityType: 'webhook',
      entityId: id,
      institutionId,
      data: { host: new URL(current.url).host },
    });
  });
}

/** Queues a `webhook.test` event for the subscription (paused or not), sent by the worker's next pass. */
export async function testWebhook(ctx: ServiceContext, institutionId: string, id: string) {
  return adminChange(ctx, institutionId, async (tx) => {
    const current = await liveOf(tx, institutionId, id);
    const now = nowOf(ctx);
    const key = randomUUID();
    await queueDeliveries(
      tx,
      [{ id, institutionId }],
      TEST_EVENT,
      `${TEST_EVENT}:${key}`,
      { test: true },
      now,
    );
    const [row] = await tx
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(
        and(eq(webhookDeliveries.subscriptionId, id), eq(webhookDeliveries.eventKey, `${TEST_EVENT}:${key}`)),
      );
    await audit(tx, ctx, {
      action: 'webhook.test',
      entityType: 'webhook',
      entityId: id,
      institutionId,
      data: { deliveryId: row!.id, status: current.status },
    });
    return { deliveryId: row!.id };
  });
}

/** The subscription's delivery log, newest first, a page at a time, each with its tries. */
export async function webhookDeliveriesOf(
  ctx: ServiceContext,
  institutionId: string,
  id: string,
  q: { page: number; limit: number },
) {
  requireAdmin(ctx, institutionId);
  const [sub] = await ctx.db
    .select({ id: webhookSubscriptions.id })
    .from(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.id, id), eq(webhookSubscriptions.institutionId, institutionId)));
  if (!sub) throw notFound();
  const rows = await ctx.db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.subscriptionId, id))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(q.limit + 1)
    .offset((q.page - 1) * q.limit);
  const page = rows.slice(0, q.limit);
  const tries = page.length
    ? await ctx.db
        .select()
        .from(webhookAttempts)
        .where(
          inArray(
            webhookAttempts.deliveryId,
            page.map((r) => r.id),
          ),
        )
        .orderBy(webhookAttempts.attempt)
    : [];
  return {
    items: page.map((d) => ({
      id: d.id,
      event: d.event,
      status: d.status,
      attempts: d.attempts,
      lastStatusCode: d.lastStatusCode,
      lastError: d.lastError,
      nextAttemptAt: d.status === 'pending' || d.status === 'sending' ? d.nextAttemptAt.toISOString() : null,
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
      createdAt: d.createdAt.toISOString(),
      log: tries
        .filter((a) => a.deliveryId === d.id)
        .map((a) => ({
          attempt: a.attempt,
          at: a.at.toISOString(),
          statusCode: a.statusCode,
          error: a.error,
          durationMs: a.durationMs,
        })),
    })),
    nextPage: rows.length > q.limit ? q.page + 1 : null,
  };
}
