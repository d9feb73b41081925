import { Redis } from 'ioredis';
import type { Count, Counters } from './counters.js';

/**
 * One step on the server, so that concurrent requests of every process count: add one, and start the window
 * when the key has none yet (a new key). Redis removes the key when its window ends.
 */
const HIT = `
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}
`;

type WithHit = Redis & { jisrHit(key: string, windowMs: number): Promise<[number, number]> };

/**
 * Counters in Redis under `prefix` (`REDIS_KEY_PREFIX`). Windows run on the Redis server's clock. Opening
 * checks that the server answers, so a wrong `REDIS_URL` stops the start with one line naming the cause.
 */
export async function redisCounters(url: string, prefix: string): Promise<Counters> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 5000,
    maxRetriesPerRequest: 2,
    keyPrefix: prefix,
  }) as WithHit;
  redis.defineCommand('jisrHit', { numberOfKeys: 1, lua: HIT });
  // without a listener, a lost connection would be reported as an unhandled error; commands fail instead
  let cause: Error | null = null;
  redis.on('error', (err: Error) => {
    cause = err;
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    redis.disconnect();
    // the socket's error (refused, unknown host, password refused) names the cause; never the URL itself
    throw new Error(`Cannot reach Redis (REDIS_URL): ${(cause ?? (err as Error)).message}`);
  }
  return {
    kind: 'redis',
    async hit(key, windowMs): Promise<Count> {
      const [current, ttl] = await redis.jisrHit(key, Math.max(1, Math.round(windowMs)));
      return { current, ttl: Math.max(0, ttl) };
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
