import { and, eq, ne } from 'drizzle-orm';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { accounts, citizenProfiles } from '../src/modules/accounts/schema.js';
import { cases } from '../src/modules/cases/schema.js';
import { openStates } from '../src/modules/cases/state-machine.js';
import { caseCategories, institutionCategorySettings } from '../src/modules/catalog/schema.js';
import { institutions } from '../src/modules/institutions/schema.js';
import { OPEN311_RATE_LIMIT } from '../src/modules/open311/routes.js';
import { testDatabases, usePlatform } from './support/platform.js';

const V2 = '/open311/v2';
const lists = new Set(['service', 'request', 'error', 'endpoint', 'format', 'attribute', 'value']);
const parser = new XMLParser({ parseTagValue: false, isArray: (name) => lists.has(name) });

/** An XML answer, checked well-formed by a real parser, then read. */
function readXml(body: string) {
  expect(body.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  expect(XMLValidator.validate(body)).toBe(true);
  return parser.parse(body);
}

type Request = {
  service_request_id: string;
  status: string;
  status_notes: string | null;
  service_code: string;
  service_name: string;
  description: unknown;
  agency_responsible: string;
  requested_datetime: string;
  expected_datetime: string;
  lat: unknown;
  long: unknown;
  address: unknown;
};

describe.each(testDatabases())('Open311 GeoReport v2 (read-only) on %s', (kind) => {
  const p = usePlatform(kind);
  const get = (url: string, headers: Record<string, string> = {}) =>
    p.app.inject({ method: 'GET', url, headers });
  const aml = async () => {
    const [body] = await p.database.db.select().from(institutions).where(eq(institutions.code, 'AML'));
    return body!;
  };
  const amlCases = async () =>
    p.database.db
      .select()
      .from(cases)
      .where(eq(cases.institutionId, (await aml()).id));

  it('answers discovery in JSON and in XML', async () => {
    const json = await get(`${V2}/discovery.json`);
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    const d = json.json();
    expect(d.changeset).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(d.key_service).toMatch(/administrateur/);
    expect(d.endpoints).toEqual([
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: `${p.config.publicUrl}/open311/v2`,
        changeset: d.changeset,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ]);
    const xml = await get(`${V2}/discovery.xml?lang=ar`);
    expect(xml.statusCode).toBe(200);
    expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
    const x = readXml(xml.body).discovery;
    expect(x.changeset).toBe(d.changeset);
    expect(x.key_service).toMatch(/مفاتيح/);
    expect(x.endpoints.endpoint[0].url).toBe(`${p.config.publicUrl}/open311/v2`);
    expect(x.endpoints.endpoint[0].formats.format).toEqual(['text/xml', 'application/json']);
  });

  it('lists the body’s active categories as services, in French by default and in Arabic on request', async () => {
    const body = await aml();
    const all = await p.database.db.select().from(caseCategories).where(eq(caseCategories.active, true));
    const fr = await get(`${V2}/services.json?jurisdiction_id=AML`);
    expect(fr.statusCode).toBe(200);
    const services = fr.json() as {
      service_code: string;
      service_name: string;
      metadata: boolean;
      type: string;
      group: string;
    }[];
    expect(services.map((s) => s.service_code).sort()).toEqual(all.map((c) => c.code).sort());
    for (const s of services) {
      const c = all.find((x) => x.code === s.service_code)!;
      expect(s.service_name).toBe(c.nameFr);
      expect(s.metadata).toBe(c.fields.length > 0);
      expect(s.type).toBe('realtime');
    }
    expect(services.find((s) => s.service_code === 'complaint-accueil')?.group).toBe('Réclamation');
    // Arabic by the header or by the parameter, in JSON and XML alike, the letters intact
    const ar = (await get(`${V2}/services.json?jurisdiction_id=AML`, { 'accept-language': 'ar' })).json();
    expect(ar[0].service_name).toBe(all.find((c) => c.code === ar[0].service_code)!.nameAr);
    const xml = await get(`${V2}/services.xml?jurisdiction_id=AML&lang=ar`, { 'accept-language': 'en' });
    expect(xml.statusCode).toBe(200);
    const read = readXml(xml.body).services.service as {
      service_code: string;
      service_name: string;
      metadata: string;
    }[];
    expect(read.length).toBe(services.length);
    for (const s of read) expect(s.service_name).toBe(all.find((c) => c.code === s.service_code)!.nameAr);
    // the Arabic letters themselves, not character references
    const reception = all.find((c) => c.code === 'complaint-accueil')!;
    expect(xml.body).toContain(`<service_name>${reception.nameAr}</service_name>`);
    expect(read.find((s) => s.service_code === 'observation')?.metadata).toBe('false');
    // in English by the parameter
    const en = (await get(`${V2}/services.json?jurisdiction_id=AML&lang=en`)).json();
    expect(en.find((s: { service_code: string }) => s.service_code === 'observation').service_name).toBe(
      'Observation',
    );

    // a category switched off at the body is offered no more there, nor its definition
    const off = all.find((c) => c.code === 'complaint-accueil')!;
    await p.database.db
      .insert(institutionCategorySettings)
      .values({ institutionId: body.id, categoryId: off.id, active: false })
      .onConflictDoUpdate({
        target: [institutionCategorySettings.institutionId, institutionCategorySettings.categoryId],
        set: { active: false },
      });
    try {
      const after = (await get(`${V2}/services.json?jurisdiction_id=AML`)).json();
      expect(after.map((s: { service_code: string }) => s.service_code)).not.toContain('complaint-accueil');
      expect(after.length).toBe(services.length - 1);
      const def = await get(`${V2}/services/complaint-accueil.json?jurisdiction_id=AML`);
      expect(def.statusCode).toBe(404);
      // another body still offers it
      const other = (await get(`${V2}/services.json?jurisdiction_id=PIAM`)).json();
      expect(other.map((s: { service_code: string }) => s.service_code)).toContain('complaint-accueil');
    } finally {
      await p.database.db
        .delete(institutionCategorySettings)
        .where(
          and(
            eq(institutionCategorySettings.institutionId, body.id),
            eq(institutionCategorySettings.categoryId, off.id),
          ),
        );
    }
  });

  it('defines a service by its category’s fields', async () => {
    const all = await p.database.db.select().from(caseCategories).where(eq(caseCategories.active, true));
    const withFields = all.filter((c) => c.fields.length > 0);
    const withNumber = withFields.find((c) => c.fields.some((f) => f.type === 'number'))!;
    const complaint = all.find((c) => c.code === 'complaint-accueil')!;
    for (const c of [withNumber, complaint]) {
      const json = await get(`${V2}/services/${c.code}.json?jurisdiction_id=AML&lang=fr`);
      expect(json.statusCode).toBe(200);
      const def = json.json();
      expect(def.service_code).toBe(c.code);
      expect(def.attributes.length).toBe(c.fields.length);
      c.fields.forEach((f, i) => {
        const a = def.attributes[i];
        expect(a).toMatchObject({
          variable: true,
          code: f.name,
          required: f.required,
          order: i + 1,
          description: f.label.fr,
        });
        const expected = {
          text: ['string', 'text'],
          number: ['number'],
          date: ['datetime'],
          select: ['singlevaluelist'],
        }[f.type];
        expect(expected).toContain(a.datatype);
        if (f.type === 'select')
          expect(a.values).toEqual((f.options ?? []).map((o) => ({ key: o, name: o })));
        expect(typeof a.datatype_description).toBe('string');
      });
      const xml = readXml((await get(`${V2}/services/${c.code}.xml?jurisdiction_id=AML&lang=ar`)).body);
      const attrs = xml.service_definition.attributes.attribute as {
        code: string;
        description: string;
        variable: string;
      }[];
      expect(attrs.map((a) => a.code)).toEqual(c.fields.map((f) => f.name));
      expect(attrs.map((a) => a.description)).toEqual(c.fields.map((f) => f.label.ar));
      expect(attrs[0]!.variable).toBe('true');
    }
    const unknown = await get(`${V2}/services/no-such-service.json?jurisdiction_id=AML`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual([{ code: 404, description: expect.stringContaining('service_code') }]);
  });

  it('lists the body’s requests with their status mapped, and only the body’s', async () => {
    const mine = await amlCases();
    expect(mine.length).toBeGreaterThan(5);
    const res = await get(`${V2}/requests.json?jurisdiction_id=AML&page_size=200`);
    expect(res.statusCode).toBe(200);
    const list = res.json() as Request[];
    expect(list.map((r) => r.service_request_id).sort()).toEqual(mine.map((c) => c.trackingNumber).sort());
    const categories = await p.database.db.select().from(caseCategories);
    for (const r of list) {
      const c = mine.find((x) => x.trackingNumber === r.service_request_id)!;
      expect(r.status).toBe((openStates as readonly string[]).includes(c.state) ? 'open' : 'closed');
      expect(r.service_code).toBe(categories.find((k) => k.id === c.categoryId)!.code);
      expect(r.description).toBeNull();
      expect([r.lat, r.long, r.address]).toEqual([null, null, null]);
      expect(r.requested_datetime).toBe(c.createdAt.toISOString());
      expect(r.expected_datetime).toBe(c.dueAt.toISOString());
      expect(typeof r.status_notes).toBe('string');
    }
    expect(list[0]!.agency_responsible).toBe((await aml()).nameFr);
    expect(list.some((r) => r.status === 'open')).toBe(true);
    expect(list.some((r) => r.status === 'closed')).toBe(true);
    // newest first
    const times = list.map((r) => r.requested_datetime);
    expect([...times].sort().reverse()).toEqual(times);
    // the same in XML, Arabic
    const xml = readXml((await get(`${V2}/requests.xml?jurisdiction_id=AML&page_size=200&lang=ar`)).body);
    const read = xml.service_requests.request as Request[];
    expect(read.map((r) => r.service_request_id)).toEqual(list.map((r) => r.service_request_id));
    expect(read[0]!.agency_responsible).toBe((await aml()).nameAr);
    expect(read.map((r) => r.status)).toEqual(list.map((r) => r.status));
  });

  it('filters by service, status and dates, and pages', async () => {
    const mine = await amlCases();
    const isOpen = (s: string) => (openStates as readonly string[]).includes(s);
    const ids = async (q: string) =>
      ((await get(`${V2}/requests.json?jurisdiction_id=AML&page_size=200&${q}`)).json() as Request[])
        .map((r) => r.service_request_id)
        .sort();
    const tracking = (rows: typeof mine) => rows.map((c) => c.trackingNumber).sort();
    expect(await ids('status=open')).toEqual(tracking(mine.filter((c) => isOpen(c.state))));
    expect(await ids('status=closed')).toEqual(tracking(mine.filter((c) => !isOpen(c.state))));
    expect(await ids('status=open,closed')).toEqual(tracking(mine));
    // by service code
    const [one] = mine;
    const [category] = await p.database.db
      .select()
      .from(caseCategories)
      .where(eq(caseCategories.id, one!.categoryId));
    expect(await ids(`service_code=${category!.code}`)).toEqual(
      tracking(mine.filter((c) => c.categoryId === category!.id)),
    );
    expect(await ids('service_code=no-such-service')).toEqual([]);
    // by dates: a cut between the oldest and the newest
    const times = mine.map((c) => c.createdAt.getTime()).sort((a, b) => a - b);
    const cut = new Date(times[Math.floor(times.length / 2)]!);
    const iso = cut.toISOString();
    const after = tracking(mine.filter((c) => c.createdAt >= cut));
    const before = tracking(mine.filter((c) => c.createdAt < cut));
    expect(after.length).toBeGreaterThan(0);
    expect(before.length).toBeGreaterThan(0);
    expect(await ids(`start_date=${encodeURIComponent(iso)}`)).toEqual(after);
    expect(await ids(`end_date=${encodeURIComponent(iso)}`)).toEqual(before);
    // the same instant written with an offset
    const plusOne = new Date(cut.getTime() + 3_600_000).toISOString().replace(/Z$/, '+01:00');
    expect(await ids(`start_date=${encodeURIComponent(plusOne)}`)).toEqual(after);
    // pages: page_size respected, pages follow one another without overlap
    const page1 = (await get(`${V2}/requests.json?jurisdiction_id=AML&page_size=3`)).json() as Request[];
    const page2 = (
      await get(`${V2}/requests.json?jurisdiction_id=AML&page_size=3&page=2`)
    ).json() as Request[];
    expect(page1.length).toBe(3);
    expect(page2.length).toBe(Math.min(3, mine.length - 3));
    const all = (await get(`${V2}/requests.json?jurisdiction_id=AML&page_size=200`)).json() as Request[];
    expect([...page1, ...page2].map((r) => r.service_request_id)).toEqual(
      all.slice(0, page1.length + page2.length).map((r) => r.service_request_id),
    );
    // the default page is 50 at most
    expect(((await get(`${V2}/requests.json?jurisdiction_id=AML`)).json() as Request[]).length).toBe(
      Math.min(50, mine.length),
    );
  });

  it('answers one request as a list of one, and no request of another body', async () => {
    const [mine] = await amlCases();
    const res = await get(`${V2}/requests/${mine!.trackingNumber}.json?jurisdiction_id=AML`);
    expect(res.statusCode).toBe(200);
    const list = res.json() as Request[];
    expect(list.length).toBe(1);
    expect(list[0]!.service_request_id).toBe(mine!.trackingNumber);
    const xml = readXml((await get(`${V2}/requests/${mine!.trackingNumber}.xml?jurisdiction_id=AML`)).body);
    expect(xml.service_requests.request.map((r: Request) => r.service_request_id)).toEqual([
      mine!.trackingNumber,
    ]);
    // a case of another body, asked under AML's jurisdiction: unknown
    const body = await aml();
    const [theirs] = await p.database.db
      .select()
      .from(cases)
      .where(ne(cases.institutionId, body.id))
      .limit(1);
    expect(theirs).toBeDefined();
    const elsewhere = await get(`${V2}/requests/${theirs!.trackingNumber}.json?jurisdiction_id=AML`);
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json()).toEqual([{ code: 404, description: expect.any(String) }]);
    const [owner] = await p.database.db
      .select()
      .from(institutions)
      .where(eq(institutions.id, theirs!.institutionId));
    expect(
      (await get(`${V2}/requests/${theirs!.trackingNumber}.json?jurisdiction_id=${owner!.code}`)).statusCode,
    ).toBe(200);
    const gone = await get(`${V2}/requests/AML-1999-999999.xml?jurisdiction_id=AML&lang=ar`);
    expect(gone.statusCode).toBe(404);
    const err = readXml(gone.body).errors.error[0];
    expect(err.code).toBe('404');
    expect(err.description).toMatch(/service_request_id/);
  });

  it('shows nothing personal: no names, e-mails, subjects, descriptions or field values', async () => {
    const mine = await amlCases();
    const people = await p.database.db
      .select({ a: accounts, profile: citizenProfiles })
      .from(accounts)
      .leftJoin(citizenProfiles, eq(citizenProfiles.accountId, accounts.id))
      .where(eq(accounts.kind, 'citizen'));
    const requesters = people.filter((x) =>
      mine.some((c) => c.requesterId === x.a.id || c.representativeId === x.a.id),
    );
    expect(requesters.length).toBeGreaterThan(0);
    const secrets = new Set<string>();
    const add = (v: unknown) => {
      if (typeof v === 'string' && v.trim().length >= 4) secrets.add(v.trim());
    };
    for (const c of mine) {
      add(c.requesterName);
      add(c.subject);
      add(c.description);
      add(c.mandateReference);
      for (const v of Object.values(c.fields)) add(v);
    }
    for (const { a, profile } of requesters) {
      add(a.email);
      add(a.displayName);
      if (profile)
        for (const v of Object.values(profile))
          if (typeof v === 'string' && !/^[0-9a-f-]{36}$/.test(v)) add(v);
    }
    // a subject the form filled with the category's own name is the catalogue's text, public anyway
    const catalogue = new Set(
      (await p.database.db.select().from(caseCategories)).flatMap((c) => [c.nameAr, c.nameFr, c.nameEn]),
    );
    for (const s of catalogue) secrets.delete(s);
    expect(secrets.size).toBeGreaterThan(mine.length);
    // every text of every answer, as a client reads it (JSON parsed, XML parsed: escapes undone), and the raw bytes
    const texts: string[] = [];
    const textsOf = (v: unknown): void => {
      if (typeof v === 'string') texts.push(v);
      else if (v && typeof v === 'object') for (const x of Object.values(v)) textsOf(x);
    };
    for (const lang of ['fr', 'ar', 'en'])
      for (const format of ['json', 'xml'])
        for (const url of [
          `${V2}/requests.${format}?jurisdiction_id=AML&page_size=200&lang=${lang}`,
          `${V2}/requests/${mine[0]!.trackingNumber}.${format}?jurisdiction_id=AML&lang=${lang}`,
        ]) {
          const { body } = await get(url);
          texts.push(body);
          textsOf(format === 'json' ? JSON.parse(body) : readXml(body));
        }
    const everything = texts.join('\n');
    for (const secret of secrets) expect(everything.includes(secret), `exposes « ${secret} »`).toBe(false);
  });

  it('still lists a case whose content was anonymised, by its figures only', async () => {
    const [one] = await amlCases();
    await p.database.db
      .update(cases)
      .set({ anonymisedAt: one!.updatedAt, subject: '', description: '', requesterName: '', fields: {} })
      .where(eq(cases.id, one!.id));
    const res = await get(`${V2}/requests.json?jurisdiction_id=AML&page_size=200`);
    const found = (res.json() as Request[]).find((r) => r.service_request_id === one!.trackingNumber);
    expect(found).toBeDefined();
    expect(found!.description).toBeNull();
    expect((await get(`${V2}/requests/${one!.trackingNumber}.json?jurisdiction_id=AML`)).statusCode).toBe(
      200,
    );
  });

  it('refuses in the specification’s error format, translated', async () => {
    const unknown = await get(`${V2}/services.json?jurisdiction_id=NOPE`, { 'accept-language': 'en' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual([{ code: 404, description: 'No body has this jurisdiction_id.' }]);
    const missing = await get(`${V2}/services.json`);
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toEqual([
      { code: 400, description: expect.stringMatching(/^jurisdiction_id est obligatoire/) },
    ]);
    const missingXml = await get(`${V2}/requests.xml?lang=ar`);
    expect(missingXml.statusCode).toBe(400);
    const e = readXml(missingXml.body).errors.error;
    expect(e).toEqual([{ code: '400', description: expect.stringMatching(/إلزامي/) }]);
    expect((await get(`${V2}/requests.json?jurisdiction_id=NOPE`)).statusCode).toBe(404);
    expect((await get(`${V2}/requests/AML-2026-000001.json?jurisdiction_id=NOPE`)).statusCode).toBe(404);
    expect((await get(`${V2}/services/observation.xml`)).statusCode).toBe(400);
    for (const bad of [
      'yesterday',
      '2026-02-30',
      '2026-13-01',
      '2026-12-01T25:00:00Z',
      '12/01/2026',
      '2026-12-01T08:00:00+0x:00',
    ]) {
      const res = await get(`${V2}/requests.json?jurisdiction_id=AML&start_date=${encodeURIComponent(bad)}`);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json()[0].code).toBe(400);
    }
    expect((await get(`${V2}/requests.json?jurisdiction_id=AML&end_date=soon`)).statusCode).toBe(400);
    expect((await get(`${V2}/requests.json?jurisdiction_id=AML&start_date=2026-12-01`)).statusCode).toBe(200);
    expect((await get(`${V2}/requests.json?jurisdiction_id=AML&status=pending`)).statusCode).toBe(400);
    expect((await get(`${V2}/requests.json?jurisdiction_id=AML&page=0`)).statusCode).toBe(400);
    expect((await get(`${V2}/requests.json?jurisdiction_id=AML&page_size=-1`)).statusCode).toBe(400);
  });

  it('is declared in the API document under open311', async () => {
    const doc = (await get('/api/openapi.json')).json();
    for (const path of [
      'discovery',
      'services',
      'services/{service_code}',
      'requests',
      'requests/{service_request_id}',
    ])
      for (const format of ['json', 'xml']) {
        const op = doc.paths[`${V2}/${path}.${format}`]?.get;
        expect(op?.tags, `${path}.${format}`).toEqual(['open311']);
      }
  });

  it('limits each address', async () => {
    const from = '203.0.113.77';
    let last = 0;
    for (let i = 0; i <= OPEN311_RATE_LIMIT; i++)
      last = (await p.app.inject({ method: 'GET', url: `${V2}/discovery.json`, remoteAddress: from }))
        .statusCode;
    expect(last).toBe(429);
    // another address is not held back
    const other = await p.app.inject({
      method: 'GET',
      url: `${V2}/discovery.json`,
      remoteAddress: '203.0.113.78',
    });
    expect(other.statusCode).toBe(200);
  });
});
