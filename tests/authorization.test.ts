/**
 * Authorization matrix: every actor × every route × own / other institution.
 *
 * The expected outcome of every cell is written by hand in the grids below, from the access rules,
 * never computed from the policy code: the test must be able to fail when the code is wrong.
 *
 *   ok   allowed: the 2xx answer, and the effect is checked in the database
 *   in   (lists) 200 and the case is listed          out  200 and the case is not listed
 *   401  not signed in      403  signed in but not allowed      404  may not even know the case exists
 *   -    not applicable to this target
 *
 * For a refused change, the case's state and version (and assignee, department, attachments) must be
 * unchanged in the database. Checks that change a case use a fresh case in a state where the action is
 * legal, so that the only possible reason for a refusal is authorization.
 */
import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/modules/accounts/actor.js';
import { hashPassword } from '../src/modules/accounts/passwords.js';
import { accounts, citizenProfiles, staffMemberships } from '../src/modules/accounts/schema.js';
import { actorOf, createStaffAccount } from '../src/modules/accounts/service.js';
import { addAttachment } from '../src/modules/cases/attachments.js';
import { attachments, caseEvents, cases } from '../src/modules/cases/schema.js';
import { createCase } from '../src/modules/cases/service.js';
import type { CaseAction, CaseState } from '../src/modules/cases/state-machine.js';
import { getCategoryByCode } from '../src/modules/catalog/service.js';
import { departments, institutions } from '../src/modules/institutions/schema.js';
import { currentTime } from '../src/shared/clock.js';
import {
  Client,
  DEMO_PASSWORD,
  multipartFile,
  samples,
  signedIn,
  testDatabases,
  usePlatform,
} from './support/platform.js';
import { storedReplyParts } from './support/reply.js';

// ---------------------------------------------------------------------------------------------------------
// The actors (rows). Every case the matrix acts on is filed by fatima, with `rep` as her representative.

const ACTORS = [
  'anon', // not signed in
  'fatima', // citizen, the case's requester
  'youssef', // another citizen
  'rep', // citizen, the case's representative (cases.representative_id)
  'accueil', // AML reception_agent (mre-desk)
  'etatcivil', // AML department_agent, civil-status: the AML case's own department
  'legalis', // AML department_agent, legalisation: another department
  'chef', // AML supervisor
  'amladmin', // AML institution_admin
  'auditor', // AML auditor
  'guichet', // AUBM department_agent (no department)
  'aubmadmin', // AUBM institution_admin
  'province', // overseer, province 09.273 (AML's province)
  'region', // overseer, region 09 (AML's region; AUBM is in region 05)
  'nation', // overseer, whole country
] as const;
type ActorKey = (typeof ACTORS)[number];

const EMAIL: Record<Exclude<ActorKey, 'anon'>, string> = {
  fatima: 'fatima@example.fr',
  youssef: 'youssef@example.es',
  rep: 'mandataire@example.it',
  accueil: 'accueil@aml.demo',
  etatcivil: 'etatcivil@aml.demo',
  legalis: 'legalisation@aml.demo',
  chef: 'chef@aml.demo',
  amladmin: 'admin@aml.demo',
  auditor: 'audit@aml.demo',
  guichet: 'guichet@aubm.demo',
  aubmadmin: 'admin@aubm.demo',
  province: 'province@piam.demo',
  region: 'region@souss.demo',
  nation: 'national@interieur.demo',
};

// ---------------------------------------------------------------------------------------------------------
// The grids. Columns:
//   view   GET /api/cases/:id                    list  GET /api/cases (all pages): is the case listed?
//   inst   GET /api/cases?institutionId=<case's institution>
//   atts   GET /api/cases/:id/attachments        dl    GET /api/cases/:id/attachments/:attachmentId
//   xdl    GET /api/cases/:id/attachments/:attachmentId of ANOTHER case of the same institution
//   upl    POST /api/cases/:id/attachments
//   ack start rinfo crep subm ret appr ready close rej refer wdraw reop
//          POST /api/cases/:id/actions with acknowledge, start, request_info, citizen_reply, submit_reply,
//          return_reply, approve_reply, mark_ready, close, reject, refer, withdraw, reopen
//   asg    POST /api/cases/:id/assignment to another staff member of the institution
//   self   POST /api/cases/:id/assignment to oneself          adept  … routing to another department
//   ack0 start0 self0   acknowledge, start, self-assignment on a case of the institution with NO department
//   file   POST /api/cases to the institution (citizens only: staff may not file as a citizen)
//   slist  GET /api/institutions/:id/staff       snew  POST /api/institutions/:id/staff
//   dnew   POST /api/institutions/:id/departments audit GET /api/institutions/:id/audit
//   prof   GET /api/me/profile

type Cell = 'ok' | 'in' | 'out' | '401' | '403' | '404' | '-';
type Grid = Map<string, Map<ActorKey, Cell>>;
const CELLS = new Set<string>(['ok', 'in', 'out', '401', '403', '404', '-']);

/** Parses a hand-written grid: a header line of column names, then one line per actor. */
function grid(strings: TemplateStringsArray): Grid {
  const [header, ...rows] = strings
    .join('')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => l.split(/\s+/));
  const cols = header!;
  const out: Grid = new Map(cols.map((c) => [c, new Map()]));
  for (const [who, ...cells] of rows) {
    if (!ACTORS.includes(who as ActorKey)) throw new Error(`grid: unknown actor ${who}`);
    if (cells.length !== cols.length) throw new Error(`grid: row ${who} has ${cells.length} cells`);
    cells.forEach((cell, i) => {
      if (!CELLS.has(cell)) throw new Error(`grid: bad cell ${cell} in row ${who}`);
      out.get(cols[i]!)!.set(who as ActorKey, cell as Cell);
    });
  }
  if (rows.length !== ACTORS.length || [...out.values()].some((c) => c.size !== ACTORS.length))
    throw new Error('grid: every actor needs exactly one row');
  return out;
}

/** The case lives at AML (commune, region 09, province 09.273), in the civil-status department. */
const AML_GRIDS = [
  grid`
              view  list  inst  atts  dl    xdl   upl
    anon      401   401   401   401   401   401   401
    fatima    ok    in    in    ok    ok    404   ok
    youssef   404   out   out   404   404   404   404
    rep       ok    in    in    ok    ok    404   ok
    accueil   ok    in    in    ok    ok    404   ok
    etatcivil ok    in    in    ok    ok    404   ok
    legalis   ok    in    in    ok    ok    404   ok
    chef      ok    in    in    ok    ok    404   ok
    amladmin  ok    in    in    ok    ok    404   403
    auditor   ok    in    in    ok    ok    404   403
    guichet   404   out   403   404   404   404   404
    aubmadmin 404   out   403   404   404   404   404
    province  ok    in    in    ok    ok    404   403
    region    ok    in    in    ok    ok    404   403
    nation    ok    in    in    ok    ok    404   403
  `,
  grid`
              ack   start rinfo crep  subm  ret   appr  ready close rej   refer wdraw reop
    anon      401   401   401   401   401   401   401   401   401   401   401   401   401
    fatima    403   403   403   ok    403   403   403   403   403   403   403   ok    ok
    youssef   404   404   404   404   404   404   404   404   404   404   404   404   404
    rep       403   403   403   ok    403   403   403   403   403   403   403   ok    ok
    accueil   ok    403   403   403   403   403   403   403   403   403   403   403   403
    etatcivil ok    ok    ok    403   ok    403   403   ok    ok    ok    ok    403   403
    legalis   403   403   403   403   403   403   403   403   403   403   403   403   403
    chef      ok    ok    ok    403   ok    ok    ok    ok    ok    ok    ok    403   403
    amladmin  403   403   403   403   403   403   403   403   403   403   403   403   403
    auditor   403   403   403   403   403   403   403   403   403   403   403   403   403
    guichet   404   404   404   404   404   404   404   404   404   404   404   404   404
    aubmadmin 404   404   404   404   404   404   404   404   404   404   404   404   404
    province  403   403   403   403   403   403   403   403   403   403   403   403   403
    region    403   403   403   403   403   403   403   403   403   403   403   403   403
    nation    403   403   403   403   403   403   403   403   403   403   403   403   403
  `,
  grid`
              asg   self  adept ack0  start0 self0
    anon      401   401   401   401   401    401
    fatima    403   403   403   403   403    403
    youssef   404   404   404   404   404    404
    rep       403   403   403   403   403    403
    accueil   ok    ok    ok    ok    403    ok
    etatcivil 403   ok    403   ok    ok     ok
    legalis   403   403   403   ok    ok     ok
    chef      ok    ok    ok    ok    ok     ok
    amladmin  403   403   403   403   403    403
    auditor   403   403   403   403   403    403
    guichet   404   404   404   404   404    404
    aubmadmin 404   404   404   404   404    404
    province  403   403   403   403   403    403
    region    403   403   403   403   403    403
    nation    403   403   403   403   403    403
  `,
  grid`
              file  slist snew  dnew  audit prof
    anon      401   401   401   401   401   401
    fatima    ok    403   403   403   403   ok
    youssef   ok    403   403   403   403   ok
    rep       ok    403   403   403   403   ok
    accueil   403   403   403   403   403   403
    etatcivil 403   403   403   403   403   403
    legalis   403   403   403   403   403   403
    chef      403   ok    403   403   403   403
    amladmin  403   ok    ok    ok    ok    403
    auditor   403   ok    403   403   ok    403
    guichet   403   403   403   403   403   403
    aubmadmin 403   403   403   403   403   403
    province  403   403   403   403   403   403
    region    403   403   403   403   403   403
    nation    403   403   403   403   403   403
  `,
];

/** The case lives at AUBM (urban agency, region 05, province 05.091), with no department. */
const AUBM_GRIDS = [
  grid`
              view  list  inst  atts  dl    xdl   upl
    anon      401   401   401   401   401   401   401
    fatima    ok    in    in    ok    ok    404   ok
    youssef   404   out   out   404   404   404   404
    rep       ok    in    in    ok    ok    404   ok
    accueil   404   out   403   404   404   404   404
    etatcivil 404   out   403   404   404   404   404
    legalis   404   out   403   404   404   404   404
    chef      404   out   403   404   404   404   404
    amladmin  404   out   403   404   404   404   404
    auditor   404   out   403   404   404   404   404
    guichet   ok    in    in    ok    ok    404   ok
    aubmadmin ok    in    in    ok    ok    404   403
    province  404   out   403   404   404   404   404
    region    404   out   403   404   404   404   404
    nation    ok    in    in    ok    ok    404   403
  `,
  grid`
              ack   start rinfo crep  subm  ret   appr  ready close rej   refer wdraw reop
    anon      401   401   401   401   401   401   401   401   401   401   401   401   401
    fatima    403   403   403   ok    403   403   403   403   403   403   403   ok    ok
    youssef   404   404   404   404   404   404   404   404   404   404   404   404   404
    rep       403   403   403   ok    403   403   403   403   403   403   403   ok    ok
    accueil   404   404   404   404   404   404   404   404   404   404   404   404   404
    etatcivil 404   404   404   404   404   404   404   404   404   404   404   404   404
    legalis   404   404   404   404   404   404   404   404   404   404   404   404   404
    chef      404   404   404   404   404   404   404   404   404   404   404   404   404
    amladmin  404   404   404   404   404   404   404   404   404   404   404   404   404
    auditor   404   404   404   404   404   404   404   404   404   404   404   404   404
    guichet   ok    ok    ok    403   ok    403   403   ok    ok    ok    ok    403   403
    aubmadmin 403   403   403   403   403   403   403   403   403   403   403   403   403
    province  404   404   404   404   404   404   404   404   404   404   404   404   404
    region    404   404   404   404   404   404   404   404   404   404   404   404   404
    nation    403   403   403   403   403   403   403   403   403   403   403   403   403
  `,
  grid`
              asg   self  adept ack0  start0 self0
    anon      401   401   401   -     -      -
    fatima    403   403   403   -     -      -
    youssef   404   404   404   -     -      -
    rep       403   403   403   -     -      -
    accueil   404   404   404   -     -      -
    etatcivil 404   404   404   -     -      -
    legalis   404   404   404   -     -      -
    chef      404   404   404   -     -      -
    amladmin  404   404   404   -     -      -
    auditor   404   404   404   -     -      -
    guichet   403   ok    403   -     -      -
    aubmadmin 403   403   403   -     -      -
    province  404   404   404   -     -      -
    region    404   404   404   -     -      -
    nation    403   403   403   -     -      -
  `,
  grid`
              file  slist snew  dnew  audit prof
    anon      401   401   401   401   401   -
    fatima    ok    403   403   403   403   -
    youssef   ok    403   403   403   403   -
    rep       ok    403   403   403   403   -
    accueil   403   403   403   403   403   -
    etatcivil 403   403   403   403   403   -
    legalis   403   403   403   403   403   -
    chef      403   403   403   403   403   -
    amladmin  403   403   403   403   403   -
    auditor   403   403   403   403   403   -
    guichet   403   403   403   403   403   -
    aubmadmin 403   ok    ok    ok    ok    -
    province  403   403   403   403   403   -
    region    403   403   403   403   403   -
    nation    403   403   403   403   403   -
  `,
];

// ---------------------------------------------------------------------------------------------------------
// "A citizen never reads another citizen's case; staff never read another institution's case": every demo
// case (plus one at MDSM, PIAM and the AUFBS annex), read by every account. Reach written by hand.

const SWEEP_EMAIL = {
  anon: null,
  fatima: 'fatima@example.fr',
  youssef: 'youssef@example.es',
  khadija: 'khadija@example.be',
  rep: 'mandataire@example.it',
  accueil: 'accueil@aml.demo',
  etatcivil: 'etatcivil@aml.demo',
  legalis: 'legalisation@aml.demo',
  urbanisme: 'urbanisme@aml.demo',
  chef: 'chef@aml.demo',
  amladmin: 'admin@aml.demo',
  auditor: 'audit@aml.demo',
  guichet: 'guichet@aubm.demo',
  aubmadmin: 'admin@aubm.demo',
  delegue: 'delegue@mediateur.demo',
  province: 'province@piam.demo',
  region: 'region@souss.demo',
  nation: 'national@interieur.demo',
} as const;
type SweepActor = keyof typeof SWEEP_EMAIL;

/** `own`: only cases they filed or represent; a list of codes: every case of those institutions. */
const REACH: Record<SweepActor, 'nobody' | 'own' | string[]> = {
  anon: 'nobody',
  fatima: 'own',
  youssef: 'own',
  khadija: 'own',
  rep: 'own',
  accueil: ['AML'],
  etatcivil: ['AML'],
  legalis: ['AML'],
  urbanisme: ['AML'],
  chef: ['AML'],
  amladmin: ['AML'],
  auditor: ['AML'],
  guichet: ['AUBM'],
  aubmadmin: ['AUBM'],
  delegue: ['MDSM'],
  province: ['AML', 'PIAM'],
  region: ['AML', 'MDSM', 'PIAM'],
  nation: ['AML', 'AUBM', 'AUFBS', 'AUAZ', 'AUKH', 'MDSM', 'PIAM'],
};

// ---------------------------------------------------------------------------------------------------------

type TargetKey = 'AML' | 'AUBM';
type Target = {
  key: TargetKey;
  institutionId: string;
  categoryId: string;
  fields: Record<string, string | number>;
  /** The department of the fresh cases (null: no department). */
  departmentId: string | null;
  /** Another department of the institution, for routing. */
  otherDepartmentId: string;
  /** A staff member of the institution who is not a row of the grid, to assign cases to. */
  assigneeId: string;
  /** A staff e-mail the staff list must show. */
  knownStaffEmail: string;
  /** A case with one attachment, only read. */
  readCaseId: string;
  attachmentId: string;
  /** An attachment of another case of the same institution (filed by someone else). */
  foreignAttachmentId: string;
  /** A case only uploaded to. */
  uploadCaseId: string;
};

const PROBLEM: Record<string, string> = { '401': 'unauthenticated', '403': 'forbidden', '404': 'not-found' };
const REASON = 'Motif saisi pour le test d’autorisation.';

let grandTotal = 0;
afterAll(() => {
  if (testDatabases().length > 1)
    console.log(`[authorization] ${grandTotal} combinations tested in total, all databases`);
});

describe.each(testDatabases())('authorization matrix on %s', (kind) => {
  const p = usePlatform(kind, { env: { LOGIN_RATE_LIMIT: '1000' } });
  const clients = new Map<string, Client>();
  const ids = new Map<string, string>(); // e-mail → account id
  const targets = new Map<TargetKey, Target>();
  let fatima: Actor;
  let sweepCases: { id: string; code: string; requesterId: string; representativeId: string | null }[] = [];
  let tracked: { trackingNumber: string; accessCode: string };
  let combos = 0;
  let seq = 0;
  /** Fresh cases waiting in a given state; a case goes back only when a check left it unchanged. */
  const pool = new Map<string, string[]>();

  const db = () => p.database.db;
  const client = (who: string) => clients.get(who)!;
  const accountId = (who: Exclude<ActorKey, 'anon'>) => ids.get(EMAIL[who])!;

  async function newCase(t: Target, state: CaseState, departmentId: string | null): Promise<string> {
    const res = await createCase(
      { db: db(), actor: fatima, requestId: 'authz-test', secret: p.config.secret },
      {
        institutionId: t.institutionId,
        categoryId: t.categoryId,
        subject: `Contrôle d’accès n° ${++seq}`,
        description: 'Demande créée par le test d’autorisation.',
        fields: t.fields,
        replyChannels: ['email'],
        language: 'fr',
        intakeChannel: 'web',
        requesterId: fatima.accountId,
        departmentId,
      },
    );
    // The state is set directly: the check must not depend on the transitions it is testing.
    const now = currentTime();
    await db()
      .update(cases)
      .set({
        state,
        representativeId: accountId('rep'),
        closedAt: state === 'answered' ? now : null,
        pausedAt: state === 'awaiting_citizen' ? now : null,
      })
      .where(eq(cases.id, res.case.id));
    // a reply waiting for approval has its draft, complete (approval is refused while a part is missing)
    if (state === 'reply_pending_approval')
      await db()
        .insert(caseEvents)
        .values({
          caseId: res.case.id,
          type: 'reply_drafted',
          reason: 'Projet de réponse.',
          visibility: 'internal',
          data: { parts: storedReplyParts('Projet de réponse.') },
        });
    return res.case.id;
  }

  async function withCase(
    t: Target,
    state: CaseState,
    noDept: boolean,
    check: (id: string, before: Snapshot) => Promise<void>,
  ) {
    const key = `${t.key}:${state}:${noDept}`;
    const id = pool.get(key)?.pop() ?? (await newCase(t, state, noDept ? null : t.departmentId));
    const before = await snapshot(id);
    try {
      await check(id, before);
    } finally {
      const after = await snapshot(id);
      if (JSON.stringify(after) === JSON.stringify(before)) pool.set(key, [...(pool.get(key) ?? []), id]);
    }
  }

  type Snapshot = Awaited<ReturnType<typeof snapshot>>;
  async function snapshot(id: string) {
    const [c] = await db()
      .select({
        state: cases.state,
        version: cases.version,
        assigneeId: cases.assigneeId,
        departmentId: cases.departmentId,
      })
      .from(cases)
      .where(eq(cases.id, id));
    const [a] = await db().select({ n: count() }).from(attachments).where(eq(attachments.caseId, id));
    return { ...c!, attachments: a!.n };
  }

  function expectRefused(res: LightMyRequestResponse, exp: Cell) {
    expect(res.statusCode, res.body).toBe(Number(exp));
    expect(res.json().type, res.body).toBe(`https://jisr.ma/problems/${PROBLEM[exp]}`);
  }

  async function listAll(c: Client, query: string) {
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const cur: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const res = await c.get(`/api/cases?limit=100${query}${cur}`);
      if (res.statusCode !== 200) return { res, seen: null };
      for (const item of res.json().items as { id: string }[]) seen.add(item.id);
      cursor = res.json().nextCursor;
    } while (cursor);
    return { res: null, seen };
  }

  const readCheck =
    (url: (t: Target) => string, onOk: (res: LightMyRequestResponse, t: Target) => void) =>
    async (t: Target, who: ActorKey, exp: Cell) => {
      const res = await client(who).get(url(t));
      if (exp !== 'ok') return expectRefused(res, exp);
      expect(res.statusCode, res.body).toBe(200);
      onOk(res, t);
    };

  const listCheck = (query: (t: Target) => string) => async (t: Target, who: ActorKey, exp: Cell) => {
    const { res, seen } = await listAll(client(who), query(t));
    if (exp === 'in' || exp === 'out') {
      expect(seen, `the list must answer 200: ${res?.body}`).not.toBeNull();
      expect(seen!.has(t.readCaseId)).toBe(exp === 'in');
    } else {
      expect(seen, 'the list must be refused').toBeNull();
      expectRefused(res!, exp);
    }
  };

  const actionCheck =
    (action: CaseAction, from: CaseState, to: CaseState, noDept = false) =>
    (t: Target, who: ActorKey, exp: Cell) =>
      withCase(t, from, noDept, async (id, before) => {
        const res = await client(who).post(`/api/cases/${id}/actions`, {
          action,
          version: before.version,
          reason: REASON,
        });
        const after = await snapshot(id);
        if (exp === 'ok') {
          expect(res.statusCode, res.body).toBe(200);
          expect(res.json().state).toBe(to);
          expect(after).toEqual({ ...before, state: to, version: before.version + 1 });
        } else {
          expectRefused(res, exp);
          expect(after).toEqual(before);
        }
      });

  const assignCheck =
    (body: (t: Target, who: ActorKey) => { departmentId?: string; assigneeId?: string }, noDept = false) =>
    (t: Target, who: ActorKey, exp: Cell) =>
      withCase(t, 'acknowledged', noDept, async (id, before) => {
        const change = body(t, who);
        const res = await client(who).post(`/api/cases/${id}/assignment`, {
          version: before.version,
          ...change,
        });
        const after = await snapshot(id);
        if (exp === 'ok') {
          expect(res.statusCode, res.body).toBe(200);
          expect(after).toEqual({ ...before, ...change, version: before.version + 1 });
        } else {
          expectRefused(res, exp);
          expect(after).toEqual(before);
        }
      });

  const self = (_t: Target, who: ActorKey) => ({
    assigneeId: who === 'anon' ? randomUUID() : accountId(who),
  });

  const checks: Record<string, (t: Target, who: ActorKey, exp: Cell) => Promise<void>> = {
    view: readCheck(
      (t) => `/api/cases/${t.readCaseId}`,
      (res, t) => expect(res.json().id).toBe(t.readCaseId),
    ),
    list: listCheck(() => ''),
    inst: listCheck((t) => `&institutionId=${t.institutionId}`),
    atts: readCheck(
      (t) => `/api/cases/${t.readCaseId}/attachments`,
      (res, t) => expect(res.json().items.map((a: { id: string }) => a.id)).toEqual([t.attachmentId]),
    ),
    dl: readCheck(
      (t) => `/api/cases/${t.readCaseId}/attachments/${t.attachmentId}`,
      (res) => expect(res.rawPayload.equals(samples.png)).toBe(true),
    ),
    xdl: readCheck(
      (t) => `/api/cases/${t.readCaseId}/attachments/${t.foreignAttachmentId}`,
      () => expect.fail('an attachment is only reachable through its own case'),
    ),
    async upl(t, who, exp) {
      const before = await snapshot(t.uploadCaseId);
      const res = await client(who).request({
        method: 'POST',
        url: `/api/cases/${t.uploadCaseId}/attachments`,
        ...multipartFile('piece.png', samples.png, 'image/png'),
      });
      const after = await snapshot(t.uploadCaseId);
      if (exp === 'ok') {
        expect(res.statusCode, res.body).toBe(201);
        expect(after).toEqual({ ...before, attachments: before.attachments + 1 });
      } else {
        expectRefused(res, exp);
        expect(after).toEqual(before);
      }
    },
    ack: actionCheck('acknowledge', 'submitted', 'acknowledged'),
    start: actionCheck('start', 'acknowledged', 'in_progress'),
    rinfo: actionCheck('request_info', 'in_progress', 'awaiting_citizen'),
    crep: actionCheck('citizen_reply', 'awaiting_citizen', 'in_progress'),
    subm: actionCheck('submit_reply', 'in_progress', 'reply_pending_approval'),
    ret: actionCheck('return_reply', 'reply_pending_approval', 'in_progress'),
    appr: actionCheck('approve_reply', 'reply_pending_approval', 'answered'),
    ready: actionCheck('mark_ready', 'in_progress', 'ready'),
    close: actionCheck('close', 'answered', 'closed'),
    rej: actionCheck('reject', 'submitted', 'rejected'),
    refer: actionCheck('refer', 'submitted', 'referred'),
    wdraw: actionCheck('withdraw', 'submitted', 'withdrawn'),
    reop: actionCheck('reopen', 'answered', 'reopened'),
    asg: assignCheck((t) => ({ assigneeId: t.assigneeId })),
    self: assignCheck(self),
    adept: assignCheck((t) => ({ departmentId: t.otherDepartmentId })),
    ack0: actionCheck('acknowledge', 'submitted', 'acknowledged', true),
    start0: actionCheck('start', 'acknowledged', 'in_progress', true),
    self0: assignCheck(self, true),
    async file(t, who, exp) {
      const subject = `Dépôt de contrôle n° ${++seq}`;
      const res = await client(who).post('/api/cases', {
        institutionId: t.institutionId,
        categoryId: t.categoryId,
        subject,
        description: 'Demande déposée par le test d’autorisation.',
        fields: t.fields,
        replyChannels: ['email'],
      });
      const rows = await db()
        .select({ requesterId: cases.requesterId, institutionId: cases.institutionId })
        .from(cases)
        .where(eq(cases.subject, subject));
      if (exp === 'ok') {
        expect(res.statusCode, res.body).toBe(201);
        expect(rows).toEqual([{ requesterId: accountId(who as 'fatima'), institutionId: t.institutionId }]);
      } else {
        expectRefused(res, exp);
        expect(rows).toEqual([]);
      }
    },
    slist: readCheck(
      (t) => `/api/institutions/${t.institutionId}/staff`,
      (res, t) =>
        expect(res.json().items.map((s: { email: string }) => s.email)).toContain(t.knownStaffEmail),
    ),
    async snew(t, who, exp) {
      const email = `agent-${++seq}@${t.key.toLowerCase()}.test`;
      const res = await client(who).post(`/api/institutions/${t.institutionId}/staff`, {
        email,
        password: 'Mot-de-passe-2026',
        displayName: 'Agent de contrôle',
        role: 'reception_agent',
      });
      const rows = await db()
        .select({ institutionId: staffMemberships.institutionId, role: staffMemberships.role })
        .from(accounts)
        .leftJoin(staffMemberships, eq(staffMemberships.accountId, accounts.id))
        .where(eq(accounts.email, email));
      if (exp === 'ok') {
        expect(res.statusCode, res.body).toBe(201);
        expect(rows).toEqual([{ institutionId: t.institutionId, role: 'reception_agent' }]);
      } else {
        expectRefused(res, exp);
        expect(rows).toEqual([]);
      }
    },
    async dnew(t, who, exp) {
      const code = `controle-${++seq}`;
      const res = await client(who).post(`/api/institutions/${t.institutionId}/departments`, {
        code,
        nameAr: 'مصلحة المراقبة',
        nameFr: 'Service de contrôle',
        nameEn: 'Control department',
      });
      const rows = await db()
        .select({ institutionId: departments.institutionId })
        .from(departments)
        .where(eq(departments.code, code));
      if (exp === 'ok') {
        expect(res.statusCode, res.body).toBe(201);
        expect(rows).toEqual([{ institutionId: t.institutionId }]);
      } else {
        expectRefused(res, exp);
        expect(rows).toEqual([]);
      }
    },
    audit: readCheck(
      (t) => `/api/institutions/${t.institutionId}/audit`,
      (res, t) => {
        const items = res.json().items as { institutionId: string }[];
        expect(items.length).toBeGreaterThan(0);
        expect(items.every((i) => i.institutionId === t.institutionId)).toBe(true);
      },
    ),
    async prof(_t, who, exp) {
      const res = await client(who).get('/api/me/profile');
      if (exp !== 'ok') return expectRefused(res, exp);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().email).toBe(EMAIL[who as 'fatima']);
    },
  };

  beforeAll(async () => {
    const d = db();
    const inst = new Map(
      (await d.select({ id: institutions.id, code: institutions.code }).from(institutions)).map((i) => [
        i.code,
        i.id,
      ]),
    );
    const dept = async (institution: string, code: string) =>
      (
        await d
          .select({ id: departments.id })
          .from(departments)
          .where(and(eq(departments.institutionId, inst.get(institution)!), eq(departments.code, code)))
      )[0]!.id;
    const seeded = await d
      .select({
        id: cases.id,
        institutionId: cases.institutionId,
        requesterId: cases.requesterId,
        state: cases.state,
      })
      .from(cases);

    // The representative: a fresh, verified citizen account.
    const [rep] = await d
      .insert(accounts)
      .values({
        kind: 'citizen',
        email: EMAIL.rep,
        passwordHash: await hashPassword(DEMO_PASSWORD),
        displayName: 'Mandataire de contrôle',
        preferredLanguage: 'fr',
        emailVerifiedAt: currentTime(),
      })
      .returning();
    await d.insert(citizenProfiles).values({
      accountId: rep!.id,
      countryOfResidence: 'IT',
      givenNameLatin: 'Marco',
      familyNameLatin: 'Rossi',
    });
    // A supervisor at AUBM, to assign AUBM cases to (not a row of the grid).
    const aubmSupervisor = await createStaffAccount(
      d,
      {
        email: 'chef@aubm.test',
        password: DEMO_PASSWORD,
        displayName: 'Chef AUBM',
        language: 'fr',
        memberships: [{ institutionId: inst.get('AUBM')!, role: 'supervisor' }],
      },
      null,
      null,
    );
    for (const a of await d.select({ id: accounts.id, email: accounts.email }).from(accounts))
      ids.set(a.email, a.id);
    const [fatimaRow] = await d.select().from(accounts).where(eq(accounts.email, EMAIL.fatima));
    fatima = await actorOf(d, fatimaRow!);
    const asActor = async (email: string) => {
      const [row] = await d.select().from(accounts).where(eq(accounts.email, email));
      return actorOf(d, row!);
    };

    // The sweep: every demo case, the youssef case given a representative directly in the database, and
    // one more case at MDSM, PIAM and the AUFBS annex.
    const youssefInProgress = seeded.find(
      (c) => c.requesterId === ids.get(EMAIL.youssef) && c.state === 'in_progress',
    )!;
    await d.update(cases).set({ representativeId: rep!.id }).where(eq(cases.id, youssefInProgress.id));
    const complaint = (await getCategoryByCode(d, 'complaint-delai-absence-reponse'))!;
    const extra: string[] = [];
    for (const [code, email] of [
      ['MDSM', 'youssef@example.es'],
      ['PIAM', 'khadija@example.be'],
      ['AUFBS', 'khadija@example.be'],
    ] as const) {
      const by = await asActor(email);
      const res = await createCase(
        { db: d, actor: by, requestId: 'authz-test', secret: p.config.secret },
        {
          institutionId: inst.get(code)!,
          categoryId: complaint.id,
          subject: `Réclamation de contrôle ${code}`,
          description: 'Réclamation créée par le test d’autorisation.',
          fields: {},
          replyChannels: ['email'],
          language: 'fr',
          intakeChannel: 'web',
          requesterId: by.accountId,
        },
      );
      extra.push(res.case.id);
    }
    const codeOf = new Map([...inst].map(([code, id]) => [id, code]));
    sweepCases = (
      await d
        .select({
          id: cases.id,
          institutionId: cases.institutionId,
          requesterId: cases.requesterId,
          representativeId: cases.representativeId,
        })
        .from(cases)
    ).map((c) => ({ ...c, code: codeOf.get(c.institutionId)! }));
    expect(sweepCases).toHaveLength(seeded.length + extra.length);

    // The two targets of the matrix.
    const birth = (await getCategoryByCode(d, 'doc-etat-civil-extrait-acte-naissance'))!;
    const permit = (await getCategoryByCode(d, 'doc-urbanisme-note-renseignements'))!;
    const bases: Omit<Target, 'readCaseId' | 'attachmentId' | 'foreignAttachmentId' | 'uploadCaseId'>[] = [
      {
        key: 'AML',
        institutionId: inst.get('AML')!,
        categoryId: birth.id,
        fields: { person_name: 'Fatima El Hassani', copies: 1 },
        departmentId: await dept('AML', 'civil-status'),
        otherDepartmentId: await dept('AML', 'legalisation'),
        assigneeId: ids.get('urbanisme@aml.demo')!,
        knownStaffEmail: 'accueil@aml.demo',
      },
      {
        key: 'AUBM',
        institutionId: inst.get('AUBM')!,
        categoryId: permit.id,
        fields: { location: 'Hay Ennour, Béni Mellal', surface_m2: 200 },
        departmentId: null,
        otherDepartmentId: await dept('AUBM', 'mre-window'),
        assigneeId: aubmSupervisor,
        knownStaffEmail: 'guichet@aubm.demo',
      },
    ];
    const files = p.app.deps.files;
    const youssef = await asActor(EMAIL.youssef);
    for (const base of bases) {
      const t: Target = {
        ...base,
        readCaseId: '',
        attachmentId: '',
        foreignAttachmentId: '',
        uploadCaseId: '',
      };
      t.readCaseId = await newCase(t, 'in_progress', t.departmentId);
      t.uploadCaseId = await newCase(t, 'in_progress', t.departmentId);
      const ctx = (actor: Actor) => ({ db: d, actor, requestId: 'authz-test', secret: p.config.secret });
      t.attachmentId = (
        await addAttachment(ctx(fatima), files, t.readCaseId, {
          bytes: samples.png,
          name: 'acte.png',
          maxBytes: 1 << 20,
        })
      ).id;
      const other = await createCase(ctx(youssef), {
        institutionId: t.institutionId,
        categoryId: t.categoryId,
        subject: 'Dossier d’un autre citoyen',
        description: 'Autre dossier, pièce jointe privée.',
        fields: t.fields,
        replyChannels: ['email'],
        language: 'fr',
        intakeChannel: 'web',
        requesterId: youssef.accountId,
      });
      t.foreignAttachmentId = (
        await addAttachment(ctx(youssef), files, other.case.id, {
          bytes: samples.pdf,
          name: 'prive.pdf',
          maxBytes: 1 << 20,
        })
      ).id;
      if (t.key === 'AML') {
        tracked = { trackingNumber: other.case.trackingNumber, accessCode: other.accessCode };
      }
      targets.set(t.key, t);
    }

    // One session per account.
    clients.set('anon', new Client(p.app));
    for (const [who, email] of Object.entries(SWEEP_EMAIL)) {
      if (email) clients.set(who, await signedIn(p.app, email));
    }
  });

  afterAll(async () => {
    grandTotal += combos;
    console.log(`[authorization on ${kind}] ${combos} combinations tested`);
  });

  it('lets anonymous visitors use the public routes', async () => {
    const anon = client('anon');
    const aml = targets.get('AML')!;
    const publicGets = [
      '/api/health',
      '/api/territory?q=Melloul',
      '/api/territory/09.273',
      '/api/countries',
      '/api/categories',
      '/api/catalog/documents',
      '/api/institutions',
      `/api/institutions/${aml.institutionId}/departments`,
    ];
    for (const url of publicGets) {
      combos++;
      const res = await anon.get(url);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    }
    combos++;
    const track = await anon.post('/api/track', tracked);
    expect(track.statusCode, track.body).toBe(200);
    expect(track.json().trackingNumber).toBe(tracked.trackingNumber);
    combos++;
    const wrong = await anon.post('/api/track', { ...tracked, accessCode: 'ZZZZ-ZZZZ' });
    expect(wrong.statusCode).toBe(404);
  });

  it('answers a case one may not read exactly like a case that does not exist', async () => {
    const strip = (res: LightMyRequestResponse) => {
      const { instance: _i, requestId: _r, ...rest } = res.json();
      return { status: res.statusCode, ...rest };
    };
    const aml = targets.get('AML')!;
    for (const [who, url] of [
      ['youssef', `/api/cases/${aml.readCaseId}`],
      ['guichet', `/api/cases/${aml.readCaseId}`],
      ['youssef', `/api/cases/${aml.readCaseId}/attachments`],
      ['guichet', `/api/cases/${aml.readCaseId}/attachments`],
    ] as const) {
      combos++;
      const hidden = await client(who).get(url);
      const missing = await client(who).get(url.replace(aml.readCaseId, randomUUID()));
      expect(strip(hidden)).toEqual(strip(missing));
      expect(hidden.statusCode).toBe(404);
    }
  });

  describe('a citizen never reads another citizen’s case; staff never read another institution’s', () => {
    it.each(Object.keys(SWEEP_EMAIL) as SweepActor[])('%s', async (who) => {
      const c = client(who);
      const me = SWEEP_EMAIL[who] && ids.get(SWEEP_EMAIL[who]);
      const reach = REACH[who];
      const mayRead = (k: (typeof sweepCases)[number]) =>
        reach === 'own'
          ? k.requesterId === me || k.representativeId === me
          : reach !== 'nobody' && reach.includes(k.code);
      for (const k of sweepCases) {
        combos++;
        const res = await c.get(`/api/cases/${k.id}`);
        const expected = reach === 'nobody' ? 401 : mayRead(k) ? 200 : 404;
        expect(res.statusCode, `${who} reads a ${k.code} case: ${res.body}`).toBe(expected);
      }
      combos++;
      const { res, seen } = await listAll(c, '');
      if (reach === 'nobody') {
        expectRefused(res!, '401');
      } else {
        const listed = sweepCases.filter((k) => seen!.has(k.id)).map((k) => k.id);
        expect(listed.sort()).toEqual(
          sweepCases
            .filter(mayRead)
            .map((k) => k.id)
            .sort(),
        );
        expect(listed.length, `${who} must see at least one case`).toBeGreaterThan(0);
      }
    });
  });

  for (const [key, grids] of [
    ['AML', AML_GRIDS],
    ['AUBM', AUBM_GRIDS],
  ] as const) {
    for (const g of grids) {
      for (const [col, cells] of g) {
        const run = checks[col];
        if (!run) throw new Error(`no check for column ${col}`);
        const rows = ACTORS.filter((a) => cells.get(a) !== '-').map((a): [ActorKey, Cell] => [
          a,
          cells.get(a)!,
        ]);
        if (!rows.length) continue;
        describe(`${key} case · ${col}`, () => {
          it.each(rows)('%s → %s', async (who, exp) => {
            combos++;
            await run(targets.get(key)!, who, exp);
          });
        });
      }
    }
  }
});
