/**
 * The counters of settled cases (closed_case_counts), kept by a database trigger, always agree with a count
 * of the cases themselves: after the seed, after random changes of state, body, kind and country (one row at
 * a time and many in one statement), and after a transaction rolled back. The queue's counts read them.
 */
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseStates, openStates } from '../src/modules/cases/state-machine.js';
import { signedIn, testDatabases, usePlatform } from './support/platform.js';

type Row = Record<string, unknown>;
const settledKey =
  "institution_id || '|' || state || '|' || kind || '|' || category_id || '|' || intake_channel || '|' || coalesce(requester_country, '-')";

describe.each(testDatabases())('the settled cases’ counters on %s', (kind) => {
  const p = usePlatform(kind);
  const rows = async (q: ReturnType<typeof sql>) =>
    ((await p.database.db.execute(q)) as unknown as { rows: Row[] }).rows;

  /** The counters, and the same figures counted from the cases, as "key → n" (empty counters left out). */
  async function bothCounts() {
    const kept = await rows(
      sql.raw(`select ${settledKey} as key, n from closed_case_counts where n <> 0 order by 1`),
    );
    const counted = await rows(
      sql.raw(
        `select ${settledKey} as key, count(*)::int as n from cases
          where not (state = any (array[${openStates.map((s) => `'${s}'`).join(',')}]))
          group by 1 order by 1`,
      ),
    );
    const asMap = (r: Row[]) => Object.fromEntries(r.map((x) => [x.key as string, Number(x.n)]));
    return { kept: asMap(kept), counted: asMap(counted) };
  }

  it('lists, in the trigger, exactly the open states of the state machine', async () => {
    const [fn] = await rows(sql`select prosrc from pg_proc where proname = 'closed_case_counts_keep'`);
    const listed = /ARRAY\[([^\]]*)\]/.exec(String(fn?.prosrc))?.[1]?.match(/'([a-z_]+)'/g);
    expect(listed?.map((s) => s.slice(1, -1)).sort()).toEqual([...openStates].sort());
  });

  it('agree with the cases after the seed and after random changes, committed or rolled back', async () => {
    const first = await bothCounts();
    expect(Object.keys(first.kept).length).toBeGreaterThan(0);
    expect(first.kept).toEqual(first.counted);
    const ids = (await rows(sql`select id from cases order by tracking_number`)).map((r) => r.id as string);
    const bodies = (await rows(sql`select id from institutions order by code`)).map((r) => r.id as string);
    expect(ids.length).toBeGreaterThan(10);
    const change = fc.record({
      cases: fc.uniqueArray(fc.integer({ min: 0, max: ids.length - 1 }), { minLength: 1, maxLength: 4 }),
      state: fc.option(fc.constantFrom(...caseStates), { nil: undefined }),
      body: fc.option(fc.integer({ min: 0, max: bodies.length - 1 }), { nil: undefined }),
      kind: fc.option(fc.constantFrom('complaint', 'document_request', 'grievance'), { nil: undefined }),
      country: fc.option(fc.constantFrom('FR', 'ES', null), { nil: undefined }),
      rolledBack: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 6 }), async (changes) => {
        for (const c of changes) {
          const set = [
            c.state && sql`state = ${c.state}`,
            c.body !== undefined && sql`institution_id = ${bodies[c.body]}`,
            c.kind && sql`kind = ${c.kind}`,
            c.country !== undefined && sql`requester_country = ${c.country}`,
          ].filter((x): x is ReturnType<typeof sql> => Boolean(x));
          if (!set.length) set.push(sql`updated_at = updated_at`);
          const targets = c.cases.map((i) => ids[i]!);
          const update = sql`update cases set ${sql.join(set, sql`, `)} where id = any(${sql.param(targets)}::uuid[])`;
          if (c.rolledBack) {
            await p.database.db
              .transaction(async (tx) => {
                await tx.execute(update);
                throw new Error('roll back');
              })
              .catch((e: Error) => expect(e.message).toBe('roll back'));
          } else await p.database.db.execute(update);
        }
        const now = await bothCounts();
        expect(now.kept).toEqual(now.counted);
      }),
      { numRuns: 15, seed: 20261207 },
    );
  });

  it('give the queue the same counts as counting the cases', async () => {
    const chief = await signedIn(p.app, 'chef@aml.demo');
    const [aml] = await rows(sql`select id from institutions where code = 'AML'`);
    const base = `/api/cases?institutionId=${aml!.id}&status=all&counts=true&limit=1`;
    // filters the counters answer: the settled states come from them, the open ones are counted live
    for (const extra of [
      '',
      '&kind=complaint',
      '&channel=web,desk',
      '&country=FR',
      '&kind=document_request&country=FR',
    ]) {
      const res = await chief.get(base + extra);
      expect(res.statusCode, res.body).toBe(200);
      const fast = res.json().counts;
      const all = await rows(
        sql.raw(
          `select state, count(*)::int as n from cases where institution_id = '${aml!.id}'
            ${extra.includes('kind=complaint') ? "and kind = 'complaint'" : ''}
            ${extra.includes('kind=document_request') ? "and kind = 'document_request'" : ''}
            ${extra.includes('channel=') ? "and intake_channel in ('web','desk')" : ''}
            ${extra.includes('country=FR') ? "and requester_country = 'FR'" : ''}
            group by state`,
        ),
      );
      const expected = Object.fromEntries(all.map((r) => [r.state as string, Number(r.n)]));
      expect(fast.byState).toEqual(expected);
      expect(fast.total).toBe(Object.values(expected).reduce((a, b) => a + b, 0));
    }
  });
});
