import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importReferenceData } from '../src/db/reference-data.js';
import { countCatalog } from '../src/modules/catalog/service.js';
import { countTerritory } from '../src/modules/territory/service.js';
import { Client, startTestPlatform, type TestPlatform, testDatabases } from './support/platform.js';

describe.each(testDatabases())('reference data on %s', (kind) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform(kind, { demo: false });
  });
  afterAll(() => p?.close());

  it('holds the 12 regions, 75 prefectures and provinces, and every commune', async () => {
    const byType = Object.fromEntries((await countTerritory(p.database.db)).map((r) => [r.type, r.n]));
    expect(byType).toEqual({
      region: 12,
      prefecture: 13,
      province: 62,
      municipality: 215,
      commune: 1282,
      arrondissement: 41,
    });
  });

  it('imports again without duplicating or changing anything', async () => {
    const db = p.database.db;
    const snapshot = async () => {
      const r = (await db.execute(
        sql`select md5(string_agg(t::text, ',' order by code)) as h from territories t`,
      )) as unknown as { rows: unknown[] };
      return r.rows;
    };
    const before = { catalog: await countCatalog(db), hash: JSON.stringify(await snapshot()) };
    const again = await importReferenceData(db);
    expect(again).toEqual({ places: 1625, documents: 23, categories: 40 });
    expect(await countCatalog(db)).toEqual(before.catalog);
    expect(JSON.stringify(await snapshot())).toBe(before.hash);
  });

  it('finds a commune typed in Arabic with another hamza, or in French without accents', async () => {
    const c = new Client(p.app);
    const ar = (await c.get(`/api/territory?q=${encodeURIComponent('أيت ملول')}&type=municipality`)).json()
      .items;
    expect(ar.map((x: { code: string }) => x.code)).toEqual(['09.273.01.05']);
    const fr = (await c.get('/api/territory?q=beni%20mellal&type=municipality')).json().items;
    expect(fr[0]).toMatchObject({ code: '05.091.01.01', nameAr: 'بني ملال' });
  });

  it('describes each document with its papers, fee and whether it can be asked remotely', async () => {
    const c = new Client(p.app);
    const doc = (await c.get('/api/catalog/documents/etat-civil-extrait-acte-naissance')).json();
    expect(doc.nameAr).toBe('نسخة موجزة من رسم الولادة');
    expect(doc.requiredDocuments.value.length).toBeGreaterThan(0);
    expect(doc.fee.value.amount_mad).toBe(2);
    expect(doc.remoteRequest.value.possible).toBe(true);
    const cats = (await c.get('/api/categories')).json().items;
    const complaint = cats.find((x: { code: string }) => x.code === 'complaint-delai-absence-reponse');
    expect(complaint).toMatchObject({ kind: 'complaint', deadlineDays: 60, nameAr: 'التأخر أو عدم الجواب' });
    expect(
      cats.every((x: { nameAr: string; nameFr: string; nameEn: string }) => x.nameAr && x.nameFr && x.nameEn),
    ).toBe(true);
  });

  it('lists countries with names in Arabic, French and English', async () => {
    const items = (await new Client(p.app).get('/api/countries')).json().items;
    expect(items.find((x: { code: string }) => x.code === 'BE')).toEqual({
      code: 'BE',
      ar: 'بلجيكا',
      fr: 'Belgique',
      en: 'Belgium',
    });
    expect(items.length).toBeGreaterThan(240);
  });
});
