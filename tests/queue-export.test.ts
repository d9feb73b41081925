/**
 * The queue exported as CSV and as an Excel workbook: the same cases as the filters select, headings in the
 * reader's language, the requester's name only for the body's supervisors and administrators, formulas made
 * inert, refused to agents and citizens, and logged.
 */
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../src/modules/audit/schema.js';
import { cases } from '../src/modules/cases/schema.js';
import { signedIn, testDatabases, useIdsByCode, usePlatform } from './support/platform.js';

/** The lines of a CSV export (a simple reader: the test data has no line break inside a field). */
const csvLines = (body: string) =>
  body
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');

describe.each(testDatabases())('the queue export on %s', (kind) => {
  const p = usePlatform(kind);
  const { inst } = useIdsByCode(p);

  it('gives a supervisor every case the filters select, with names, in a CSV spreadsheets read', async () => {
    const chief = await signedIn(p.app, 'chef@aml.demo', 'fr');
    const res = await chief.get(`/api/cases/export?institutionId=${inst.AML}&status=all&format=csv`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(
      /attachment; filename="jisr-AML-\d{4}-\d\d-\d\d\.csv"/,
    );
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const [head, ...rows] = csvLines(res.body);
    expect(head).toContain('Numéro de suivi');
    expect(head).toContain('Demandeur');
    const own = await p.database.db.select().from(cases).where(eq(cases.institutionId, inst.AML!));
    expect(rows.length).toBe(own.length);
    for (const c of own) expect(res.body).toContain(c.trackingNumber);
    const named = own.find((c) => c.requesterName && !c.anonymisedAt)!;
    expect(res.body).toContain(named.requesterName.split(' · ')[0]);
    // the same filters as the queue: complaints only
    const complaints = await chief.get(
      `/api/cases/export?institutionId=${inst.AML}&status=all&kind=complaint`,
    );
    const [, ...complaintRows] = csvLines(complaints.body);
    expect(complaintRows.length).toBe(own.filter((c) => c.kind === 'complaint').length);
    expect(complaintRows.every((r) => r.includes('Réclamation'))).toBe(true);
    // logged, with the names of the filters
    const logged = await p.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'queue.export'), eq(auditLog.institutionId, inst.AML!)));
    expect(logged.length).toBeGreaterThanOrEqual(2);
    expect(logged[0]!.data).toMatchObject({ format: 'csv', personal: true });
  });

  it('makes a cell that a spreadsheet would run as a formula inert', async () => {
    const [one] = await p.database.db.select().from(cases).where(eq(cases.institutionId, inst.AML!)).limit(1);
    await p.database.db
      .update(cases)
      .set({ requesterName: '=HYPERLINK("http://evil.example","x")' })
      .where(eq(cases.id, one!.id));
    const chief = await signedIn(p.app, 'chef@aml.demo', 'fr');
    const res = await chief.get(`/api/cases/export?institutionId=${inst.AML}&status=all`);
    const line = csvLines(res.body).find((l) => l.startsWith(one!.trackingNumber))!;
    expect(line).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(line).not.toMatch(/,=HYPERLINK/);
  });

  it('writes a workbook in Arabic, right to left, with dates as dates', async () => {
    const chief = await signedIn(p.app, 'chef@aml.demo', 'ar');
    const res = await chief.get(`/api/cases/export?institutionId=${inst.AML}&status=all&format=xlsx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('الملفات');
    expect(sheet.views[0]?.rightToLeft).toBe(true);
    const head = (sheet.getRow(1).values as unknown[]).filter(Boolean);
    expect(head).toContain('رقم التتبع');
    expect(head).toContain('صاحب الطلب');
    const own = await p.database.db.select().from(cases).where(eq(cases.institutionId, inst.AML!));
    expect(sheet.actualRowCount).toBe(own.length + 1);
    const filed = sheet.getRow(2).getCell(head.indexOf('تاريخ الإيداع') + 1).value;
    expect(filed).toBeInstanceOf(Date);
  });

  it('leaves the names out for auditors and overseers, and refuses agents, citizens and strangers', async () => {
    const own = await p.database.db.select().from(cases).where(eq(cases.institutionId, inst.AML!));
    const names = own
      .filter((c) => c.requesterName && !c.anonymisedAt)
      .map((c) => c.requesterName.split(' · ')[0]!);
    for (const email of ['audit@aml.demo', 'province@piam.demo']) {
      const who = await signedIn(p.app, email, 'en');
      const res = await who.get(`/api/cases/export?institutionId=${inst.AML}&status=all`);
      expect(res.statusCode, `${email}: ${res.body}`).toBe(200);
      const [head, ...rows] = csvLines(res.body);
      expect(head).not.toContain('Requester');
      expect(head).not.toContain('Country of residence');
      expect(rows.length).toBe(own.length);
      for (const n of names) expect(res.body, email).not.toContain(n);
    }
    for (const [email, status] of [
      ['etatcivil@aml.demo', 403],
      ['accueil@aml.demo', 403],
      ['fatima@example.fr', 403],
      ['chef@aml.demo', 403],
    ] as const) {
      const who = await signedIn(p.app, email);
      // the last: a supervisor of Aït Melloul asking for another body
      const body = email === 'chef@aml.demo' ? inst.AUBM : inst.AML;
      expect((await who.get(`/api/cases/export?institutionId=${body}`)).statusCode, email).toBe(status);
    }
    const anonymous = await p.app.inject({
      method: 'GET',
      url: `/api/cases/export?institutionId=${inst.AML}`,
    });
    expect(anonymous.statusCode).toBe(401);
    const chief = await signedIn(p.app, 'chef@aml.demo');
    expect((await chief.get(`/api/cases/export?institutionId=${inst.AML}&format=pdf`)).statusCode).toBe(422);
  });
});
