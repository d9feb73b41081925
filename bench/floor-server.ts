/**
 * The floors: the least a Fastify server can do per request on this machine, run as its own process like
 * the platform. `GET /hello` answers JSON; `POST /insert` writes one case-sized row; `GET /select?key=` reads
 * one row by a unique key, through the same driver as the platform (node-postgres pool or PGlite).
 * Environment: PORT, and DATABASE_URL (PostgreSQL) or DATA_DIR (PGlite).
 */
import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import Fastify from 'fastify';
import pg from 'pg';

type Query = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

async function connect(): Promise<Query> {
  if (process.env.DATABASE_URL) {
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
    return async (text, params) => (await pool.query(text, params)).rows;
  }
  const db = new PGlite(process.env.DATA_DIR);
  await db.waitReady;
  return async (text, params) => (await db.query<Record<string, unknown>>(text, params)).rows;
}

const query = await connect();
await query(`create table if not exists bench_floor (
  id uuid primary key, key text not null unique, institution_id uuid not null, kind text not null,
  subject text not null, description text not null, fields jsonb not null, reply_channels jsonb not null,
  state text not null, due_at timestamptz not null, created_at timestamptz not null default now())`);
await query(`insert into bench_floor (id, key, institution_id, kind, subject, description, fields, reply_channels, state, due_at)
  select gen_random_uuid(), 'K' || g, gen_random_uuid(), 'complaint', 'Sujet ' || g, repeat('Texte de la demande. ', 20),
         '{}', '["email"]', 'submitted', now() + interval '60 days'
  from generate_series(1, 10000) g on conflict do nothing`);

const app = Fastify({ logger: false });
app.get('/hello', async () => ({ hello: 'world' }));
app.post('/insert', async (req, reply) => {
  const body = req.body as { subject: string; description: string };
  const [row] = await query(
    `insert into bench_floor (id, key, institution_id, kind, subject, description, fields, reply_channels, state, due_at)
     values ($1, $2, $3, 'complaint', $4, $5, '{}', '["email"]', 'submitted', now() + interval '60 days')
     returning id, key`,
    [randomUUID(), `N${randomUUID()}`, randomUUID(), body.subject, body.description],
  );
  return reply.code(201).send(row);
});
app.get('/select', async (req) => {
  const { key } = req.query as { key: string };
  const [row] = await query(`select * from bench_floor where key = $1`, [key]);
  return row ?? {};
});
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 3100) });
console.log('ready');
