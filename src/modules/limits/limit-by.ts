import type { FastifyReply, FastifyRequest } from 'fastify';
import { fail } from '../../server/problems.js';
import type { Counters } from './counters.js';

/**
 * One limit: at most `max` requests per window of `windowMs` for each value of `key`. The key is read from
 * the request (after validation); when it gives null the limit does not apply to that request.
 */
export type Limit = {
  name: string;
  max: number;
  windowMs: number;
  key: (req: FastifyRequest) => string | null;
};

/**
 * A preHandler that counts the request under every limit that applies, all together, and refuses it (429,
 * with Retry-After: until the last of the exceeded windows ends) when any is exceeded. Refused requests count
 * too, as with @fastify/rate-limit; windows are fixed, so refused requests never make them longer.
 */
export function limitBy(counters: Counters, limits: Limit[]) {
  return async function limited(req: FastifyRequest, reply: FastifyReply) {
    const applied = limits.flatMap((limit) => {
      const key = limit.key(req);
      return key === null ? [] : [{ limit, key: `${limit.name}|${key}` }];
    });
    const counts = await Promise.all(applied.map((a) => counters.hit(a.key, a.limit.windowMs)));
    const over = counts.filter((count, i) => count.current > applied[i]!.limit.max);
    if (over.length === 0) return;
    const seconds = Math.max(1, ...over.map((count) => Math.ceil(count.ttl / 1000)));
    reply.header('retry-after', seconds);
    // the refusal @fastify/rate-limit makes too
    throw fail('rate-limited', { seconds, count: seconds });
  };
}
