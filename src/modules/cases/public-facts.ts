/**
 * The facts of a body's cases that anyone may read (the public Open311 interface): tracking number, state,
 * category, dates. Only these columns are ever selected: never the requester, the subject, the description,
 * the fields, the papers or the access code, so nothing personal can leak from here by mistake.
 */
import { and, desc, eq, gte, inArray, lt, not } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { cases } from './schema.js';
import { type CaseState, openStates } from './state-machine.js';

export type PublicCaseFilter = {
  institutionId: string;
  /** Only these categories (by id); an empty list matches nothing. */
  categoryIds?: string[];
  /** Filed at or after. */
  from?: Date;
  /** Filed before. */
  until?: Date;
  /** Only the open cases (true), only the others (false), or all (undefined). */
  open?: boolean;
  limit: number;
  offset: number;
};

const publicColumns = {
  trackingNumber: cases.trackingNumber,
  state: cases.state,
  categoryId: cases.categoryId,
  createdAt: cases.createdAt,
  updatedAt: cases.updatedAt,
  dueAt: cases.dueAt,
};

export type PublicCaseFacts = {
  trackingNumber: string;
  state: CaseState;
  categoryId: string;
  createdAt: Date;
  updatedAt: Date;
  dueAt: Date;
};

/** A body's cases, newest first, as anyone may see them. */
export async function publicCaseFacts(db: Executor, f: PublicCaseFilter): Promise<PublicCaseFacts[]> {
  if (f.categoryIds && f.categoryIds.length === 0) return [];
  const conds = [eq(cases.institutionId, f.institutionId)];
  if (f.categoryIds) conds.push(inArray(cases.categoryId, f.categoryIds));
  if (f.from) conds.push(gte(cases.createdAt, f.from));
  if (f.until) conds.push(lt(cases.createdAt, f.until));
  if (f.open === true) conds.push(inArray(cases.state, [...openStates]));
  if (f.open === false) conds.push(not(inArray(cases.state, [...openStates])));
  const rows = await db
    .select(publicColumns)
    .from(cases)
    .where(and(...conds))
    .orderBy(desc(cases.createdAt), desc(cases.id))
    .limit(f.limit)
    .offset(f.offset);
  return rows;
}

/** One case of a body by its tracking number, as anyone may see it; null if unknown or of another body. */
export async function publicCaseFactsOf(
  db: Executor,
  institutionId: string,
  trackingNumber: string,
): Promise<PublicCaseFacts | null> {
  const [row] = await db
    .select(publicColumns)
    .from(cases)
    .where(and(eq(cases.institutionId, institutionId), eq(cases.trackingNumber, trackingNumber)));
  return row ?? null;
}
