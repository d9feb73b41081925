/**
 * The access log (law 09-08): every staff read of a person's data is recorded with the reader's role, body
 * and purpose; the person sees who read their file (role and body, never a name); the log cannot be changed.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { caseReads } from '../src/modules/audit/access-log.js';
import { auditLog } from '../src/modules/audit/schema.js';
import {
  Client,
  fileComplaintAtAml,
  samples,
  signedIn,
  testDatabases,
  useIdsByCode,
  usePlatform,
} from './support/platform.js';

describe.each(testDatabases())('the access log on %s', (kind) => {
  const p = usePlatform(kind);
  const { inst } = useIdsByCode(p);

  const readsOf = (caseId: string) =>
    p.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entityType, 'case'),
          eq(auditLog.entityId, caseId),
          inArray(auditLog.action, [...caseReads]),
        ),
      )
      .orderBy(auditLog.id);
  /** The audit rows of these actions at a body, oldest first. */
  const auditAt = (institutionId: string, actions: string[]) =>
    p.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.institutionId, institutionId), inArray(auditLog.action, actions)))
      .orderBy(auditLog.id);

  it('records each staff read of a file with role, body and purpose, and shows the person who read it', async () => {
    const fatima = await signedIn(p.app, 'fatima@example.fr', 'fr');
    const made = await fileComplaintAtAml(fatima, {
      subject: 'Certificat de résidence refusé',
      description: 'Ma demande de certificat de résidence a été refusée sans motif.',
    });
    const upload = await fatima.upload(`/api/cases/${made.id}/attachments`, 'recu.png', samples.png);
    expect(upload.statusCode, upload.body).toBe(201);
    // the person reading their own file is not an access to log
    await fatima.get(`/api/cases/${made.id}`);
    expect(await readsOf(made.id)).toEqual([]);

    const chief = await signedIn(p.app, 'chef@aml.demo');
    expect((await chief.get(`/api/cases/${made.id}`)).statusCode).toBe(200);
    expect((await chief.get(`/api/cases/${made.id}/attachments/${upload.json().id}`)).statusCode).toBe(200);
    expect((await chief.get(`/api/cases/${made.id}/notifications`)).statusCode).toBe(200);
    const province = await signedIn(p.app, 'province@piam.demo');
    expect((await province.get(`/api/cases/${made.id}`)).statusCode).toBe(200);
    const audit = await signedIn(p.app, 'audit@aml.demo');
    expect((await audit.get(`/api/cases/${made.id}`)).statusCode).toBe(200);

    const reads = (await readsOf(made.id)).map((r) => [r.action, r.data.role, r.data.purpose]);
    expect(reads).toEqual([
      ['case.view', 'supervisor', 'handling'],
      ['case.attachment_read', 'supervisor', 'handling'],
      ['case.notifications_read', 'supervisor', 'handling'],
      ['case.view', 'overseer', 'oversight'],
      ['case.view', 'auditor', 'audit'],
    ]);

    // the person sees them, newest first: role, body, date, what — and no staff member's name
    const res = await fatima.get(`/api/cases/${made.id}/accesses`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { what: string; role: string; institution: { nameFr: string } }[];
    expect(items.map((a) => [a.what, a.role])).toEqual([
      ['case.view', 'auditor'],
      ['case.view', 'overseer'],
      ['case.notifications_read', 'supervisor'],
      ['case.attachment_read', 'supervisor'],
      ['case.view', 'supervisor'],
    ]);
    expect(items.every((a) => a.institution.nameFr === 'Commune d’Aït Melloul')).toBe(true);
    const names = await p.database.db.execute(
      sql`select display_name from accounts where email in ('chef@aml.demo', 'province@piam.demo', 'audit@aml.demo')`,
    );
    for (const { display_name } of (names as unknown as { rows: { display_name: string }[] }).rows)
      expect(res.body).not.toContain(display_name);

    // who may see this list: the person, the body's staff, overseers; nobody else
    const expected: [string, number][] = [
      ['chef@aml.demo', 200],
      ['province@piam.demo', 200],
      ['guichet@aubm.demo', 404],
      ['khadija@example.be', 404],
    ];
    for (const [email, status] of expected)
      expect(
        (await (await signedIn(p.app, email)).get(`/api/cases/${made.id}/accesses`)).statusCode,
        email,
      ).toBe(status);

    // and in the person's data export
    const exported = (await fatima.get('/api/me/export')).json();
    const mine = exported.cases.find(
      (c: { trackingNumber: string }) => c.trackingNumber === made.trackingNumber,
    );
    expect(mine.accesses.length).toBeGreaterThanOrEqual(5);
  });

  it('records desk searches of the person directory and queue pages, without the values searched', async () => {
    const desk = await signedIn(p.app, 'accueil@aml.demo');
    const found = await desk.get(
      `/api/institutions/${inst.AML}/desk/people?name=${encodeURIComponent('Fatima Hassani')}`,
    );
    expect(found.statusCode).toBe(200);
    await desk.get('/api/cases?status=open&limit=5');
    const rows = await auditAt(inst.AML!, ['desk.person_search', 'queue.list']);
    const search = rows.find((r) => r.action === 'desk.person_search')!;
    expect(search.data).toMatchObject({ role: 'reception_agent', purpose: 'handling', by: ['name'] });
    expect(search.data.shown).toBe(found.json().items.length);
    expect(JSON.stringify(search.data)).not.toContain('Fatima');
    const queue = rows.find((r) => r.action === 'queue.list')!;
    expect(queue.data).toMatchObject({ role: 'reception_agent', filters: ['limit', 'status'] });
  });

  it('records the lists of letters, calls and messages, which name people and their addresses', async () => {
    const chief = await signedIn(p.app, 'chef@aml.demo');
    const admin = await signedIn(p.app, 'admin@aml.demo');
    const letters = await chief.get(`/api/institutions/${inst.AML}/letters`);
    const calls = await chief.get(`/api/institutions/${inst.AML}/call-tasks`);
    const outbox = await admin.get(`/api/institutions/${inst.AML}/notifications`);
    for (const r of [letters, calls, outbox]) expect(r.statusCode, r.body).toBe(200);
    const rows = await auditAt(inst.AML!, ['letters.list', 'calls.list', 'outbox.list']);
    expect(rows.map((r) => [r.action, r.data.role, r.data.shown])).toEqual([
      ['letters.list', 'supervisor', letters.json().items.length],
      ['calls.list', 'supervisor', calls.json().items.length],
      ['outbox.list', 'institution_admin', outbox.json().items.length],
    ]);
  });

  it('shows the names of a body’s staff who read the file where the body chose so, never an overseer’s', async () => {
    const fatima = await signedIn(p.app, 'fatima@example.fr', 'fr');
    const made = await fileComplaintAtAml(fatima, {
      subject: 'Éclairage public en panne',
      description: 'Le lampadaire devant la maison familiale est éteint depuis trois mois.',
    });
    const chief = await signedIn(p.app, 'chef@aml.demo');
    await chief.get(`/api/cases/${made.id}`);
    await (await signedIn(p.app, 'province@piam.demo')).get(`/api/cases/${made.id}`);
    const accesses = async () =>
      (await fatima.get(`/api/cases/${made.id}/accesses`)).json().items as {
        role: string;
        name: string | null;
      }[];
    // by default, roles only
    expect((await accesses()).map((a) => a.name)).toEqual([null, null]);

    // only the body's administrator sets the policy; every change is audited
    const url = `/api/institutions/${inst.AML}/privacy`;
    const refused: [string, number][] = [
      ['chef@aml.demo', 403],
      ['admin@aubm.demo', 403],
      ['fatima@example.fr', 403],
    ];
    for (const [email, status] of refused)
      expect(
        (
          await (
            await signedIn(p.app, email)
          ).request({ method: 'PUT', url, payload: { showStaffNames: true } })
        ).statusCode,
        email,
      ).toBe(status);
    expect(
      (await new Client(p.app).request({ method: 'PUT', url, payload: { showStaffNames: true } })).statusCode,
    ).toBe(401);
    const admin = await signedIn(p.app, 'admin@aml.demo');
    expect((await admin.get(url)).json()).toEqual({ showStaffNames: false });
    const on = await admin.request({ method: 'PUT', url, payload: { showStaffNames: true } });
    expect(on.statusCode, on.body).toBe(200);
    expect((await (await signedIn(p.app, 'audit@aml.demo')).get(url)).json()).toEqual({
      showStaffNames: true,
    });
    const [audited] = await p.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'institution.privacy'), eq(auditLog.institutionId, inst.AML!)));
    expect(audited?.data).toMatchObject({ showStaffNames: true });

    const [chiefName] = (
      (await p.database.db.execute(
        sql`select display_name from accounts where email = 'chef@aml.demo'`,
      )) as unknown as {
        rows: { display_name: string }[];
      }
    ).rows;
    expect((await accesses()).map((a) => [a.role, a.name])).toEqual([
      ['overseer', null],
      ['supervisor', chiefName!.display_name],
    ]);
    // back to roles only
    await admin.request({ method: 'PUT', url, payload: { showStaffNames: false } });
    expect((await accesses()).map((a) => a.name)).toEqual([null, null]);
  });

  it('cannot be changed or emptied, even by the application', async () => {
    const db = p.database.db;
    const count = async () =>
      (
        (await db.execute(sql`select count(*)::int as n from audit_log`)) as unknown as {
          rows: { n: number }[];
        }
      ).rows[0]!.n;
    const before = await count();
    // the database's own refusal (the query error carries it as its cause)
    const refusal = async (q: ReturnType<typeof sql>) => {
      const e = await db.execute(q).then(
        () => null,
        (err: Error & { cause?: Error }) => err,
      );
      return String(e?.cause?.message ?? e?.message);
    };
    expect(await refusal(sql`update audit_log set action = 'rewritten'`)).toMatch(
      /append-only: UPDATE refused/,
    );
    expect(await refusal(sql`delete from audit_log`)).toMatch(/append-only: DELETE refused/);
    expect(await refusal(sql`truncate audit_log`)).toMatch(/append-only: TRUNCATE refused/);
    expect(await count()).toBe(before);
    expect(before).toBeGreaterThan(0);
  });
});
