/**
 * The delivering side of webhooks. A pass claims due deliveries of live, active subscriptions (FOR UPDATE
 * SKIP LOCKED, in a short transaction), marks them `sending` with a lease and counts the try, sends them
 * outside any transaction, then records the outcome and the try in the log, only if the row is still its
 * own (same try, still `sending`). So two passes, in one process or two, never send one delivery at once.
 * A pass that dies between sending and recording leaves the row `sending`; when its lease runs out another
 * pass sends it again with the same `webhook-id`, which receivers use to drop the duplicate.
 *
 * Each try is signed anew (Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature`) with
 * the subscription's current secret; 2xx is success; anything else, a timeout (10 s) or a refused address
 * is retried after 5 s, 5 min, 30 min, 2 h, 5 h and 10 h, then the delivery is dead.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { and, asc, eq, inArray, isNull, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { currentTime } from '../../shared/clock.js';
import { webhookAttempts, webhookDeliveries, webhookSubscriptions } from './schema.js';
import { unsealWebhookSecret, webhookHeaders } from './signing.js';
import { addressAllowed, publicOnlyLookup, type UrlRules } from './url-rules.js';

/** The waits before each retry; after the last, the delivery is dead (7 tries in all). */
export const RETRY_DELAYS_MS = [5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000];

export type WebhookDeliveryOptions = UrlRules & {
  /** The platform's SECRET, which opens the subscriptions' sealed secrets. */
  secret: string;
  now?: () => Date;
  batch?: number;
  concurrency?: number;
  leaseMs?: number;
  timeoutMs?: number;
};

type DeliveryRow = typeof webhookDeliveries.$inferSelect;
type Claimed = DeliveryRow & { url: string; sealedSecret: string };

const TIMEOUT_MS = 10_000;
/** Long enough for a whole batch of slow receivers (50 rows, 5 at a time, 10 s each). */
const LEASE_MS = 5 * 60_000;

/** Claims up to `limit` due deliveries of active, live subscriptions for this pass. */
export async function claimDueWebhooks(
  db: Db,
  now: Date,
  limit: number,
  leaseMs: number,
): Promise<Claimed[]> {
  return db.transaction(async (tx) => {
    const live = tx
      .select({ id: webhookSubscriptions.id })
      .from(webhookSubscriptions)
      .where(and(eq(webhookSubscriptions.status, 'active'), isNull(webhookSubscriptions.deletedAt)));
    const rows = await tx
      .select()
      .from(webhookDeliveries)
      .where(
        and(
          inArray(webhookDeliveries.status, ['pending', 'sending']),
          lte(webhookDeliveries.nextAttemptAt, now),
          inArray(webhookDeliveries.subscriptionId, live),
        ),
      )
      .orderBy(asc(webhookDeliveries.nextAttemptAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (!rows.length) return [];
    const subs = await tx
      .select({
        id: webhookSubscriptions.id,
        url: webhookSubscriptions.url,
        sealedSecret: webhookSubscriptions.sealedSecret,
      })
      .from(webhookSubscriptions)
      .where(inArray(webhookSubscriptions.id, [...new Set(rows.map((r) => r.subscriptionId))]));
    const subOf = new Map(subs.map((s) => [s.id, s]));
    const claimed: Claimed[] = [];
    for (const row of rows) {
      const [c] = await tx
        .update(webhookDeliveries)
        .set({
          status: 'sending',
          attempts: row.attempts + 1,
          nextAttemptAt: new Date(now.getTime() + leaseMs),
        })
        .where(eq(webhookDeliveries.id, row.id))
        .returning();
      const sub = subOf.get(row.subscriptionId)!;
      claimed.push({ ...c!, url: sub.url, sealedSecret: sub.sealedSecret });
    }
    return claimed;
  });
}

export type SendOutcome = { statusCode: number | null; error: string | null };

/** POSTs the body with its headers; never throws: a failure is an outcome. */
export function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  rules: UrlRules,
  timeoutMs = TIMEOUT_MS,
): Promise<SendOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const done = (o: SendOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(o);
    };
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return done({ statusCode: null, error: 'invalid url' });
    }
    // an address written as an IP is not looked up: it is checked here instead
    const literal = target.hostname.replace(/^\[|\]$/g, '');
    if (isIP(literal) && !addressAllowed(literal, rules))
      return done({ statusCode: null, error: `address ${literal} is not public` });
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      target,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'Jisr-Webhooks/1',
        },
        lookup: publicOnlyLookup(rules) as never,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        res.resume(); // the answer's body is not read: only its status counts
        res.on('end', () =>
          done(
            status >= 200 && status < 300
              ? { statusCode: status, error: null }
              : { statusCode: status, error: `HTTP ${status}` },
          ),
        );
        res.on('error', (err) => done({ statusCode: status, error: err.message.slice(0, 300) }));
      },
    );
    timer = setTimeout(() => {
      req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    req.on('error', (err) => done({ statusCode: null, error: err.message.slice(0, 300) }));
    req.end(body);
  });
}

/** Sends one claimed delivery and records the try. True when the receiver took it. */
export async function deliverWebhook(db: Db, d: Claimed, opts: WebhookDeliveryOptions): Promise<boolean> {
  const clock = opts.now ?? currentTime;
  const started = clock();
  const body = JSON.stringify(d.payload);
  let outcome: SendOutcome;
  try {
    const secret = unsealWebhookSecret(opts.secret, d.sealedSecret);
    const headers = webhookHeaders(secret, d.id, Math.floor(started.getTime() / 1000), body);
    outcome = await postWebhook(d.url, body, headers, opts, opts.timeoutMs);
  } catch (err) {
    outcome = { statusCode: null, error: String((err as Error)?.message ?? err).slice(0, 300) };
  }
  const ended = clock();
  const ok = outcome.error === null;
  const dead = !ok && d.attempts > RETRY_DELAYS_MS.length;
  const stillOurs = and(
    eq(webhookDeliveries.id, d.id),
    eq(webhookDeliveries.status, 'sending'),
    eq(webhookDeliveries.attempts, d.attempts),
  );
  await db.transaction(async (tx) => {
    await tx
      .update(webhookDeliveries)
      .set({
        status: ok ? 'delivered' : dead ? 'dead' : 'pending',
        lastStatusCode: outcome.statusCode,
        lastError: outcome.error,
        deliveredAt: ok ? ended : null,
        nextAttemptAt: ok || dead ? ended : new Date(ended.getTime() + RETRY_DELAYS_MS[d.attempts - 1]!),
      })
      .where(stillOurs);
    await tx
      .insert(webhookAttempts)
      .values({
        deliveryId: d.id,
        attempt: d.attempts,
        at: started,
        statusCode: outcome.statusCode,
        error: outcome.error,
        durationMs: Math.max(0, ended.getTime() - started.getTime()),
      })
      .onConflictDoNothing();
  });
  return ok;
}

/** One pass: claims what is due and sends it, a few at a time. Returns how many were delivered. */
export async function deliverDueWebhooks(db: Db, opts: WebhookDeliveryOptions): Promise<number> {
  const now = (opts.now ?? currentTime)();
  const claimed = await claimDueWebhooks(db, now, opts.batch ?? 50, opts.leaseMs ?? LEASE_MS);
  const concurrency = opts.concurrency ?? 5;
  let delivered = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, claimed.length) }, async () => {
      while (next < claimed.length) {
        const row = claimed[next++]!;
        if (await deliverWebhook(db, row, opts)) delivered++;
      }
    }),
  );
  return delivered;
}
