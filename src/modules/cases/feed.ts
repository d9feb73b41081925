/**
 * The changes feed another system of a body reads with its key (scope `cases:read`): the body's cases in the
 * order they last changed, a page at a time, from a point it keeps (`updatedSince`, then the cursor), so
 * that its own records stay in step without reading everything again.
 */
import { and, asc, eq, gt, gte, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../db/client.js';
import { fail } from '../../server/problems.js';
import { caseCategories } from '../catalog/schema.js';
import { cases } from './schema.js';

export const feedQuery = z.object({
  updatedSince: z.iso.datetime({ offset: true }).optional(),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type FeedQuery = z.infer<typeof feedQuery>;

export async function caseFeed(db: Executor, institutionId: string, q: FeedQuery) {
  const conds = [eq(cases.institutionId, institutionId)];
  if (q.updatedSince) conds.push(gte(cases.updatedAt, new Date(q.updatedSince)));
  if (q.cursor) {
    const [at, id] = q.cursor.split('|');
    const when = new Date(at ?? '');
    if (!id || !z.uuid().safeParse(id).success || Number.isNaN(when.getTime()))
      throw fail('bad-request-title');
    conds.push(or(gt(cases.updatedAt, when), and(eq(cases.updatedAt, when), gt(cases.id, id)))!);
  }
  const rows = await db
    .select({
      id: cases.id,
      trackingNumber: cases.trackingNumber,
      kind: cases.kind,
      categoryCode: caseCategories.code,
      state: cases.state,
      intakeChannel: cases.intakeChannel,
      language: cases.language,
      requesterName: cases.requesterName,
      requesterCountry: cases.requesterCountry,
      departmentId: cases.departmentId,
      dueAt: cases.dueAt,
      createdAt: cases.createdAt,
      updatedAt: cases.updatedAt,
      closedAt: cases.closedAt,
      anonymisedAt: cases.anonymisedAt,
    })
    .from(cases)
    .innerJoin(caseCategories, eq(caseCategories.id, cases.categoryId))
    .where(and(...conds))
    .orderBy(asc(cases.updatedAt), asc(cases.id))
    .limit(q.limit + 1);
  const shown = rows.slice(0, q.limit);
  const last = shown.at(-1);
  return {
    items: shown.map(({ anonymisedAt, ...c }) => ({
      ...c,
      // once the content is removed, the body no longer learns who filed the case
      requesterName: anonymisedAt ? null : c.requesterName,
      dueAt: c.dueAt.toISOString(),
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
      closedAt: c.closedAt?.toISOString() ?? null,
    })),
    nextCursor: rows.length > q.limit && last ? `${last.updatedAt.toISOString()}|${last.id}` : null,
  };
}
