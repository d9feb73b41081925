/**
 * A tiny query interface over the two drivers the platform supports, for the benchmark's own SQL
 * (floors, data generator, fixtures): node-postgres for PostgreSQL, PGlite for the embedded database.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export type Sql = {
  driver: 'postgres' | 'pglite';
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  exec(text: string): Promise<void>;
  close(): Promise<void>;
};

/** One connection: PostgreSQL when `url` is given, otherwise PGlite persisted in `dataDir`. */
export async function openSql(target: { url?: string; dataDir?: string }): Promise<Sql> {
  if (target.url) {
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    return {
      driver: 'postgres',
      query: async <T>(text: string, params?: unknown[]) =>
        (await client.query(text, params as unknown[])).rows as T[],
      exec: async (text: string) => {
        await client.query(text);
      },
      close: () => client.end(),
    };
  }
  const db = new PGlite(target.dataDir);
  await db.waitReady;
  return {
    driver: 'pglite',
    query: async <T>(text: string, params?: unknown[]) => (await db.query<T>(text, params)).rows,
    exec: async (text: string) => {
      await db.exec(text);
    },
    close: () => db.close(),
  };
}
