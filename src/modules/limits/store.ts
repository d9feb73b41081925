import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { currentTime } from '../../shared/clock.js';
import type { Count, Counters } from './counters.js';
import { rateLimitCounters } from './schema.js';

type Callback = (err: Error | null, res?: Count) => void;

/**
 * Counts one request of `key` in one statement (insert, or count on, or start a new window), so that
 * concurrent requests on several processes all count.
 */
export async function hit(db: Db, key: string, windowMs: number): Promise<Count> {
  const now = currentTime();
  const ends = new Date(now.getTime() + windowMs);
  const [row] = await db
    .insert(rateLimitCounters)
    .values({ key, hits: 1, windowEndsAt: ends })
    .onConflictDoUpdate({
      target: rateLimitCounters.key,
      set: {
        hits: sql`case when ${rateLimitCounters.windowEndsAt} <= ${now} then 1 else ${rateLimitCounters.hits} + 1 end`,
        windowEndsAt: sql`case when ${rateLimitCounters.windowEndsAt} <= ${now} then ${ends}::timestamptz else ${rateLimitCounters.windowEndsAt} end`,
      },
    })
    .returning({ hits: rateLimitCounters.hits, windowEndsAt: rateLimitCounters.windowEndsAt });
  return { current: row!.hits, ttl: Math.max(0, row!.windowEndsAt.getTime() - now.getTime()) };
}

/** Removes the counters whose window has ended (the worker's housekeeping). */
export async function sweepRateLimits(db: Db): Promise<number> {
  const gone = await db
    .delete(rateLimitCounters)
    .where(lt(rateLimitCounters.windowEndsAt, currentTime()))
    .returning({ key: rateLimitCounters.key });
  return gone.length;
}

type RouteOptions = { routeInfo?: { method?: string; url?: string } };

/**
 * A store for @fastify/rate-limit that counts in the platform's counters (database or Redis), so a limit
 * holds across the processes behind a load balancer and across restarts. Each route counts apart (as the
 * default store does).
 */
export function rateLimitStore(counters: Counters): FastifyRateLimitStoreCtor {
  class CountersStore {
    readonly prefix: string;
    constructor(options: RouteOptions) {
      this.prefix = options?.routeInfo ? `${options.routeInfo.method} ${options.routeInfo.url}` : 'global';
    }
    incr(key: string, cb: Callback, timeWindow: number) {
      counters.hit(`${this.prefix}|${key}`, timeWindow).then(
        (r) => cb(null, r),
        (err: Error) => cb(err),
      );
    }
    child(routeOptions: RouteOptions) {
      return new CountersStore(routeOptions);
    }
  }
  return CountersStore as unknown as FastifyRateLimitStoreCtor;
}
