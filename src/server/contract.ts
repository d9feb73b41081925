/** The operations' answers over HTTP (liveness, readiness). */
import { z } from 'zod';

export const health = z.object({ status: z.literal('ok') });
export const readiness = z.object({
  status: z.enum(['ready', 'unavailable']),
  database: z.enum(['pglite', 'postgres']),
});
