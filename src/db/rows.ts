import type { SQL } from 'drizzle-orm';

/** The first row a query answers, or null when it answers none (a lookup by a unique key). */
export async function firstOrNull<T>(query: PromiseLike<T[]>): Promise<T | null> {
  const [row] = await query;
  return row ?? null;
}

/** The rows of a raw SQL query (both drivers answer `{ rows }`). */
export async function rawRows<T>(
  db: { execute(query: SQL): PromiseLike<unknown> },
  query: SQL,
): Promise<T[]> {
  const result = (await db.execute(query)) as { rows: T[] };
  return result.rows;
}
