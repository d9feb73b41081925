import { and, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { notFound } from '../../server/errors.js';
import type { callTasks, letters } from './schema.js';

/**
 * 404 unless the row is within what the staff member handles: `scope` is the condition on the table they
 * handle (undefined for all of the body's rows, null for none), as `callScope` and `letterScope` give it.
 */
export async function requireInScope(
  db: Db,
  table: typeof callTasks | typeof letters,
  id: string,
  scope: SQL | undefined | null,
) {
  if (scope === null) throw notFound();
  if (!scope) return;
  const [visible] = await db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.id, id), scope));
  if (!visible) throw notFound();
}
