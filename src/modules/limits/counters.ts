import type { Db } from '../../db/client.js';
import { hit } from './store.js';

/** A counter after one more request: how many its window holds, and the milliseconds until it ends. */
export type Count = { current: number; ttl: number };

/**
 * Where rate-limit counters live: the database (the default) or Redis (`REDIS_URL`). Every limit of the
 * platform counts through one of these, chosen once when the app is built, so that every process behind a
 * load balancer, and a restarted one, shares the same counts.
 */
export interface Counters {
  readonly kind: 'database' | 'redis';
  /**
   * Counts one request of `key` in one atomic step. The first request starts a window of `windowMs`; later
   * ones count in it without making it longer; once it has ended, the next request starts a new one.
   */
  hit(key: string, windowMs: number): Promise<Count>;
  close(): Promise<void>;
}

/** Counters in the `rate_limit_counters` table, on the platform's clock; the worker sweeps ended windows. */
export function databaseCounters(db: Db): Counters {
  return {
    kind: 'database',
    hit: (key, windowMs) => hit(db, key, windowMs),
    close: async () => {},
  };
}
