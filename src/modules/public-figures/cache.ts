/**
 * The answers of the public figures, kept in the process while the rollup has not changed: a figures page
 * is read far more often than the worker's pass (every ten minutes) changes it. The rollup's stamp (when the
 * open cases were last counted, one indexed row) tells when a pass ran in any process; a pass in this process
 * forgets everything at once.
 */
import { desc } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { moroccanDate } from '../workflow/calendar.js';
import { type FiguresAnswer, type FiguresQuery, publicFigures } from './query.js';
import { publicFiguresOpen } from './schema.js';

/** At most this many answers are kept (the oldest kept is forgotten first). */
const MAX_ANSWERS = 500;
const answers = new Map<string, { stamp: string; answer: FiguresAnswer; json: string }>();

/** Forgets every kept answer (the rollup changed in this process). */
export function forgetFigures() {
  answers.clear();
}

async function rollupStamp(db: Db): Promise<string> {
  const [row] = await db
    .select({ asOf: publicFiguresOpen.asOf })
    .from(publicFiguresOpen)
    .orderBy(desc(publicFiguresOpen.asOf))
    .limit(1);
  return row?.asOf ? new Date(row.asOf).toISOString() : 'empty';
}

/** The figures of a query (and their JSON), from the kept answer when the rollup is the same. */
export async function cachedFigures(db: Db, q: FiguresQuery, now: Date) {
  // the default period ends with the current month: the day is part of the key
  const key = JSON.stringify([q.territory, q.body, q.category, q.from, q.to, moroccanDate(now).slice(0, 7)]);
  const stamp = await rollupStamp(db);
  const kept = answers.get(key);
  if (kept && kept.stamp === stamp) return kept;
  const answer = await publicFigures(db, q, now);
  const fresh = { stamp, answer, json: JSON.stringify(answer) };
  answers.delete(key);
  answers.set(key, fresh);
  if (answers.size > MAX_ANSWERS) answers.delete(answers.keys().next().value!);
  return fresh;
}
