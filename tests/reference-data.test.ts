import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { importReferenceData } from '../src/db/reference-data.js';
import { countCatalog } from '../src/modules/catalog/service.js';
import { countTerritory } from '../src/modules/territory/service.js';
import { Client, testDatabases, usePlatform } from './support/platform.js';

describe.each(testDatabases())('reference data on %s', (kind) => {
  const p = usePlatform(kind, { demo: false });

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

  it('gives every guide in Arabic, French and English, each text in its own script, one name per document', async () => {
    const c = new Client(p.app);
    const docs = (await c.get('/api/catalog/documents')).json().items as {
      code: string;
      nameAr: string;
      nameFr: string;
      guide: Record<string, { ar: unknown; fr: unknown; en: unknown } | string | null>;
    }[];
    const categories = (await c.get('/api/categories')).json().items as {
      documentTypeCode: string | null;
      nameAr: string;
      nameFr: string;
    }[];
    expect(docs).toHaveLength(23);
    const ARABIC = /[\u0600-\u06FF]/;
    const texts = (x: unknown): string[] => (Array.isArray(x) ? x : x == null ? [] : [String(x)]);
    for (const d of docs) {
      expect(d.guide, d.code).not.toBeNull();
      // the papers to bring are always said in the reader's language
      expect(d.guide.papers === null || (d.guide.papers as { ar: string[] }).ar.length > 0, d.code).toBe(
        true,
      );
      for (const [field, v] of Object.entries(d.guide)) {
        if (v === null || typeof v === 'string') continue;
        // (a website's address alone, such as « rokhas.ma », is the same in every language)
        for (const line of texts(v.ar).filter((l) => !/^[a-z0-9.-]+\.[a-z]{2,}$/.test(l)))
          expect(line, `${d.code}.${field}.ar`).toMatch(ARABIC);
        for (const line of [...texts(v.fr), ...texts(v.en)])
          expect(line, `${d.code}.${field}`).not.toMatch(ARABIC);
      }
      // the subject list names the document as the guide does
      const cat = categories.find((x) => x.documentTypeCode === d.code)!;
      expect([cat.nameAr, cat.nameFr]).toEqual([d.nameAr, d.nameFr]);
    }
    const birth = docs.find((d) => d.code === 'etat-civil-extrait-acte-naissance')!;
    expect((birth.guide.aliases as { ar: string[] }).ar).toContain('عقد الازدياد');
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
