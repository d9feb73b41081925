import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { health, readiness } from './contract.js';

/** Liveness says the process answers; readiness says the database does too. */
export async function healthRoutes(app: FastifyInstance) {
  app.get('/api/health', { schema: { tags: ['operations'], response: { 200: health } } }, async () => ({
    status: 'ok',
  }));
  app.get(
    '/api/ready',
    { schema: { tags: ['operations'], response: { 200: readiness, 503: readiness } } },
    async (_req, reply) => {
      try {
        await app.deps.database.db.execute(sql`select 1`);
        return { status: 'ready', database: app.deps.database.driver };
      } catch {
        return reply.code(503).send({ status: 'unavailable', database: app.deps.database.driver });
      }
    },
  );
}
