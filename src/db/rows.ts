/** The first row a query answers, or null when it answers none (a lookup by a unique key). */
export async function firstOrNull<T>(query: PromiseLike<T[]>): Promise<T | null> {
  const [row] = await query;
  return row ?? null;
}
