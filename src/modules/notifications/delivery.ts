/**
 * The delivering side of the outbox. A worker claims due rows (FOR UPDATE SKIP LOCKED, in a short
 * transaction), marks them `sending` with a lease, sends them outside any transaction, then records the
 * result. A worker that dies between sending and recording leaves the row `sending`; when the lease runs out
 * another worker sends it again with the same idempotency key, which keyed providers use to drop the
 * duplicate. Post and phone tasks are written to the database in the same transaction as the result, so
 * they happen exactly once.
 */
import { and, asc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { currentTime } from '../../shared/clock.js';
import { type QuietHours, quietHold } from './quiet-hours.js';
import { type Channel, notifications } from './schema.js';
import { revealSecrets } from './secrets.js';

export type NotificationRow = typeof notifications.$inferSelect;
export type SendResult = { providerMessageId?: string | null };

/** A refusal that retrying will not change (unknown address, rejected template): no retry. */
export class PermanentError extends Error {
  constructor(
    message: string,
    /** The recipient's server refused the address: recorded as a bounce. */
    readonly bounce = false,
  ) {
    super(message);
  }
}

/** Sends through a provider outside the database (SMTP, an HTTP API). */
export type ExternalAdapter = {
  kind: 'external';
  channel: Channel;
  provider: string;
  send(n: NotificationRow): Promise<SendResult>;
};
/** Writes a task into the database (a letter to print, a call to make), in the recording transaction. */
export type InternalAdapter = {
  kind: 'internal';
  channel: Channel;
  provider: string;
  deliver(tx: Tx, n: NotificationRow): Promise<SendResult>;
};
export type ChannelAdapter = ExternalAdapter | InternalAdapter;
export type Adapters = Partial<Record<Channel, ChannelAdapter>>;

export type DeliveryOptions = {
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  leaseMs: number;
  quietHours: QuietHours;
  batch?: number;
  concurrency?: number;
  now?: () => Date;
  /** The key that opens messages' sealed secrets (SECRET); without it they go out with their marks. */
  secret?: string;
};

/** Exponential backoff: base, 2×base, 4×base, … up to the maximum, with up to 10% jitter. */
export function backoffMs(attempts: number, base: number, max: number, random = Math.random): number {
  const raw = Math.min(base * 2 ** Math.max(0, attempts - 1), max);
  return Math.round(raw * (1 + random() * 0.1));
}

/**
 * Claims up to `limit` due rows for this worker. SMS and WhatsApp that fall in the recipient's quiet hours
 * are put back until those end (unless that is after their `sendBy`), without counting an attempt.
 */
export async function claimDue(db: Db, opts: DeliveryOptions, limit: number): Promise<NotificationRow[]> {
  const now = opts.now?.() ?? currentTime();
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(notifications)
      .where(
        and(inArray(notifications.status, ['pending', 'sending']), lte(notifications.nextAttemptAt, now)),
      )
      .orderBy(asc(notifications.nextAttemptAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    const claimed: NotificationRow[] = [];
    for (const row of rows) {
      const quiet = quietHold(row, now, opts.quietHours);
      if (quiet) {
        await tx
          .update(notifications)
          .set({ status: 'pending', nextAttemptAt: quiet })
          .where(eq(notifications.id, row.id));
        continue;
      }
      const [c] = await tx
        .update(notifications)
        .set({
          status: 'sending',
          attempts: row.attempts + 1,
          nextAttemptAt: new Date(now.getTime() + opts.leaseMs),
        })
        .where(eq(notifications.id, row.id))
        .returning();
      claimed.push(c!);
    }
    return claimed;
  });
}

/** The row is still ours: same attempt, still `sending` (a stale worker must not overwrite a newer try). */
const stillOurs = (n: NotificationRow) =>
  and(
    eq(notifications.id, n.id),
    eq(notifications.status, 'sending'),
    eq(notifications.attempts, n.attempts),
  );

async function recordFailure(db: Db, n: NotificationRow, err: unknown, opts: DeliveryOptions) {
  const now = opts.now?.() ?? currentTime();
  const permanent = err instanceof PermanentError;
  const message = String((err as Error)?.message ?? err).slice(0, 500);
  const dead = permanent || n.attempts >= opts.maxAttempts;
  await db
    .update(notifications)
    .set({
      status: permanent && err.bounce ? 'bounced' : dead ? 'dead' : 'pending',
      bouncedAt: permanent && err.bounce ? now : null,
      lastError: message,
      nextAttemptAt: dead
        ? now
        : new Date(now.getTime() + backoffMs(n.attempts, opts.retryBaseMs, opts.retryMaxMs)),
    })
    .where(stillOurs(n));
}

/** Sends one claimed row and records the outcome. Returns whether it went out. */
export async function deliverOne(db: Db, adapters: Adapters, n: NotificationRow, opts: DeliveryOptions) {
  const adapter = adapters[n.channel];
  // the secrets go to the provider and nowhere else: the stored copy drops them once the message is out
  // (the development mailbox, which stands for the person's inbox, keeps them readable)
  const out = opts.secret ? revealSecrets(n, opts.secret) : n;
  const sealedAfter = adapter?.provider === 'development' ? n.sealedSecrets : null;
  try {
    if (!adapter) throw new PermanentError(`no provider configured for ${n.channel}`);
    /** Records the row as sent, with the provider's id for it. */
    const sent = (exec: Db | Tx, res: { providerMessageId?: string | null }) =>
      exec
        .update(notifications)
        .set({
          status: 'sent',
          sentAt: opts.now?.() ?? currentTime(),
          providerMessageId: res.providerMessageId ?? null,
          lastError: null,
          sealedSecrets: sealedAfter,
        })
        .where(stillOurs(n));
    if (adapter.kind === 'internal') {
      await db.transaction(async (tx) => {
        await sent(tx, await adapter.deliver(tx, out));
      });
      return true;
    }
    await sent(db, await adapter.send(out));
    return true;
  } catch (err) {
    await recordFailure(db, n, err, opts);
    return false;
  }
}

/**
 * Renews the lease of a claimed row just before it is sent, if it is still ours and its lease has not run
 * out: a batch sent slowly (a slow mail server, a loaded machine) could otherwise outlive the lease of its
 * last rows, which another process would then claim and send too. Asked only for rows sent after half of
 * their lease (a quick batch costs no statement more).
 */
async function renewLease(db: Db, n: NotificationRow, opts: DeliveryOptions): Promise<boolean> {
  const now = opts.now?.() ?? currentTime();
  const [kept] = await db
    .update(notifications)
    .set({ nextAttemptAt: new Date(now.getTime() + opts.leaseMs) })
    .where(and(stillOurs(n), gt(notifications.nextAttemptAt, now)))
    .returning({ id: notifications.id });
  return kept !== undefined;
}

/** One pass of the worker: claims what is due and sends it, a few at a time. Returns how many went out. */
export async function deliverDueNotifications(
  db: Db,
  adapters: Adapters,
  opts: DeliveryOptions,
): Promise<number> {
  const claimed = await claimDue(db, opts, opts.batch ?? 50);
  const claimedAt = (opts.now?.() ?? currentTime()).getTime();
  const concurrency = opts.concurrency ?? 5;
  let sent = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, claimed.length) }, async () => {
      while (next < claimed.length) {
        const row = claimed[next++]!;
        // past half its lease, a row's lease is renewed first; if it ran out, another process may have it
        const late = (opts.now?.() ?? currentTime()).getTime() - claimedAt > opts.leaseMs / 2;
        if (late && !(await renewLease(db, row, opts))) continue;
        if (await deliverOne(db, adapters, row, opts)) sent++;
      }
    }),
  );
  return sent;
}

/** How many rows wait, for health checks and tests. */
export async function outboxCounts(db: Db) {
  const rows = await db
    .select({ status: notifications.status, n: sql<number>`count(*)::int` })
    .from(notifications)
    .groupBy(notifications.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<string, number>>;
}
