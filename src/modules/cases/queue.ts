/**
 * The staff queue: the cases of one institution (or of every body an overseer sees), filtered, searched,
 * sorted and read page by page with a keyset cursor, with counts per state for the same filters.
 */
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../db/client.js';
import { forbidden } from '../../server/errors.js';
import { fail } from '../../server/problems.js';
import { currentTime } from '../../shared/clock.js';
import type { Actor } from '../accounts/actor.js';
import { caseKinds } from '../catalog/schema.js';
import { attachments, caseColumns, cases, closedCaseCounts, intakeChannels } from './schema.js';
import { caseStates, openStates, pausedStates } from './state-machine.js';

export const queueSorts = ['newest', 'oldest', 'due', 'updated'] as const;
export type QueueSort = (typeof queueSorts)[number];

const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(400)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)).max(values.length));

/** The queue's filters as they travel in a query string and in a saved view. */
export const queueFilters = z.strictObject({
  institutionId: z.uuid().optional(),
  state: list(caseStates).optional(),
  /** `open` = every state still waiting on someone. */
  status: z.enum(['open', 'all']).optional(),
  kind: list(caseKinds).optional(),
  categoryId: z.uuid().optional(),
  departmentId: z.uuid().optional(),
  /** `me`, `none` or a staff account id. */
  assignee: z.union([z.enum(['me', 'none']), z.uuid()]).optional(),
  channel: list(intakeChannels).optional(),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/)
    .transform((c) => c.toUpperCase())
    .optional(),
  due: z.enum(['overdue', 'week']).optional(),
  /** `true`: only paper files registered late (see `legacy.ts`). */
  legacy: z.enum(['true']).optional(),
  /** `true`: only cases with a voice message still to transcribe. */
  voice: z.enum(['true']).optional(),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(queueSorts).optional(),
});
export type QueueFilters = z.infer<typeof queueFilters>;

/** Search terms: runs of letters and digits (anything else separates words), each matched as a prefix. */
export function searchQuery(q: string): string | null {
  const terms = q
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .slice(0, 8);
  return terms.length ? terms.map((t) => `${t}:*`).join(' & ') : null;
}

/** Where conditions for everything but the state and the cursor, so that counts share them. */
function filterConditions(f: QueueFilters, actor: Actor, now: Date): SQL[] {
  const conds: SQL[] = [];
  if (f.kind?.length) conds.push(inArray(cases.kind, f.kind));
  if (f.categoryId) conds.push(eq(cases.categoryId, f.categoryId));
  if (f.departmentId) conds.push(eq(cases.departmentId, f.departmentId));
  if (f.assignee === 'me') conds.push(eq(cases.assigneeId, actor.accountId));
  else if (f.assignee === 'none') conds.push(isNull(cases.assigneeId));
  else if (f.assignee) conds.push(eq(cases.assigneeId, f.assignee));
  if (f.channel?.length) conds.push(inArray(cases.intakeChannel, f.channel));
  if (f.country) conds.push(eq(cases.requesterCountry, f.country));
  if (f.legacy) conds.push(isNotNull(cases.originallyFiledAt));
  // the few cases with a voice message nobody has written down yet (a partial index finds them)
  if (f.voice)
    conds.push(
      sql`${cases.id} in (select ${attachments.caseId} from ${attachments} where ${attachments.mediaType} like 'audio/%' and ${attachments.transcription} is null)`,
    );
  if (f.due) {
    const waiting = openStates.filter((s) => !pausedStates.includes(s));
    conds.push(inArray(cases.state, waiting));
    if (f.due === 'overdue') conds.push(lt(cases.dueAt, now));
    else {
      conds.push(sql`${cases.dueAt} >= ${now.toISOString()}`);
      conds.push(lt(cases.dueAt, new Date(now.getTime() + 7 * 86_400_000)));
    }
  }
  if (f.q) {
    const query = searchQuery(f.q);
    if (query) conds.push(sql`${cases.search} @@ to_tsquery('simple', jisr_fold(${query}))`);
  }
  return conds;
}

function stateCondition(f: QueueFilters): SQL | undefined {
  if (f.state?.length) return inArray(cases.state, f.state);
  if (f.status === 'open') return inArray(cases.state, [...openStates]);
  return undefined;
}

const sortColumn = {
  newest: cases.createdAt,
  oldest: cases.createdAt,
  due: cases.dueAt,
  updated: cases.updatedAt,
};
const ascending: Record<QueueSort, boolean> = { newest: false, oldest: true, due: true, updated: false };

function cursorCondition(sort: QueueSort, cursor: string): SQL {
  const [at, id] = cursor.split('|');
  const when = new Date(at ?? '');
  if (!id || !z.uuid().safeParse(id).success || Number.isNaN(when.getTime())) {
    throw fail('bad-request-title');
  }
  const col = sortColumn[sort];
  const after = ascending[sort] ? gt : lt;
  return or(after(col, when), and(eq(col, when), after(cases.id, id)))!;
}

/** The institutions whose cases this queue reads, after checking the actor may read them. */
export function queueScope(actor: Actor, visible: string[], institutionId?: string): string[] {
  if (institutionId) {
    if (!visible.includes(institutionId)) throw forbidden();
    return [institutionId];
  }
  const own = actor.memberships.map((m) => m.institutionId);
  return own.length ? own : visible;
}

export async function queuePage(
  db: Executor,
  actor: Actor,
  institutionIds: string[],
  f: QueueFilters,
  page: { limit: number; cursor?: string },
  now = currentTime(),
  /** Instead of institutions, another scope (a citizen's own cases). */
  scope?: SQL,
) {
  if (!scope && !institutionIds.length) return { rows: [], nextCursor: null };
  const conds = [scope ?? inArray(cases.institutionId, institutionIds), ...filterConditions(f, actor, now)];
  const state = stateCondition(f);
  if (state) conds.push(state);
  const sort = f.sort ?? 'newest';
  if (page.cursor) conds.push(cursorCondition(sort, page.cursor));
  const col = sortColumn[sort];
  const dir = ascending[sort] ? asc : desc;
  const rows = await db
    .select(caseColumns)
    .from(cases)
    .where(and(...conds))
    .orderBy(dir(col), dir(cases.id))
    .limit(page.limit + 1);
  const shown = rows.slice(0, page.limit);
  const last = shown[shown.length - 1];
  const key = last
    ? sort === 'due'
      ? last.dueAt
      : sort === 'updated'
        ? last.updatedAt
        : last.createdAt
    : null;
  return {
    rows: shown,
    nextCursor: rows.length > page.limit && last && key ? `${key.toISOString()}|${last.id}` : null,
  };
}

/** Filters the settled cases' counters (`closedCaseCounts`) can answer: those on their own columns. */
const counterFilters: readonly (keyof QueueFilters)[] = [
  'institutionId',
  'state',
  'status',
  'kind',
  'categoryId',
  'channel',
  'country',
  'sort',
];

/**
 * Whether the settled cases' counters can answer these filters: every filter set is one of their columns
 * (keys that are not filters, such as the page's `limit` or `cursor`, do not count).
 */
export function countersAnswer(f: Partial<Record<string, unknown>>): boolean {
  return Object.entries(f).every(
    ([k, v]) =>
      v === undefined || !(k in queueFilters.shape) || counterFilters.includes(k as keyof QueueFilters),
  );
}

/**
 * How many cases match the filters in each state (the state filter itself left out), and overdue.
 * The open states are counted live; the settled ones (a body's whole history) are read from the counters
 * kept by the database when the filters are among their columns, and counted live otherwise.
 */
export async function queueCounts(
  db: Executor,
  actor: Actor,
  institutionIds: string[],
  f: QueueFilters,
  now = currentTime(),
) {
  if (!institutionIds.length) return { total: 0, open: 0, overdue: 0, byState: {} };
  const conds = [inArray(cases.institutionId, institutionIds), ...filterConditions(f, actor, now)];
  const fromCounters = countersAnswer(f);
  const waiting = openStates.filter((s) => !pausedStates.includes(s));
  const live = db
    .select({
      state: cases.state,
      n: sql<number>`count(*)::int`,
      overdue: sql<number>`(count(*) filter (where ${cases.dueAt} < ${now.toISOString()} and ${cases.state} in ${waiting}))::int`,
    })
    .from(cases)
    .where(and(...conds, fromCounters ? inArray(cases.state, [...openStates]) : undefined))
    .groupBy(cases.state);
  const k = closedCaseCounts;
  const settled = fromCounters
    ? db
        .select({ state: k.state, n: sql<number>`sum(${k.n})::int`, overdue: sql<number>`0` })
        .from(k)
        .where(
          and(
            inArray(k.institutionId, institutionIds),
            f.kind?.length ? inArray(k.kind, f.kind) : undefined,
            f.categoryId ? eq(k.categoryId, f.categoryId) : undefined,
            f.channel?.length ? inArray(k.intakeChannel, f.channel) : undefined,
            f.country ? eq(k.requesterCountry, f.country) : undefined,
          ),
        )
        .groupBy(k.state)
    : Promise.resolve([]);
  const rows = (await Promise.all([live, settled])).flat();
  const byState: Record<string, number> = {};
  let total = 0;
  let open = 0;
  let overdue = 0;
  for (const r of rows) {
    const n = Number(r.n);
    if (!n) continue;
    byState[r.state] = (byState[r.state] ?? 0) + n;
    total += n;
    if ((openStates as readonly string[]).includes(r.state)) open += n;
    overdue += Number(r.overdue);
  }
  return { total, open, overdue, byState };
}
