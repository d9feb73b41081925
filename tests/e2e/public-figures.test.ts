import { readFile } from 'node:fs/promises';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../../src/modules/cases/schema.js';
import { institutions } from '../../src/modules/institutions/schema.js';
import { publishOpenData } from '../../src/modules/public-figures/open-data.js';
import { refreshPublicFigures } from '../../src/modules/public-figures/rollup.js';
import { currentTime } from '../../src/shared/clock.js';
import { figuresAr } from '../../src/web/locales/figures.ar.js';
import { figuresFr } from '../../src/web/locales/figures.fr.js';
import { expectNoAxeViolations, filePortal, newPage, screenshotOf } from './support.js';

const portal = filePortal();
const texts = { ar: figuresAr, fr: figuresFr } as const;
const say = (lang: 'ar' | 'fr', key: keyof typeof figuresFr, vars: Record<string, string | number> = {}) =>
  (texts[lang][key] as string).replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(vars[k]));

describe('the public figures, without signing in', () => {
  beforeAll(async () => {
    // 60 answered cases at Aït Melloul over the last months, so that every figure has enough to show
    const db = portal.p.database.db;
    const [aml] = await db.select().from(institutions).where(eq(institutions.code, 'AML'));
    const [template] = await db.select().from(cases).where(eq(cases.institutionId, aml!.id)).limit(1);
    const now = currentTime().toISOString();
    await db.execute(sql`
      with made as (
        insert into ${cases} (institution_id, tracking_number, access_code_hash, kind, category_id, subject,
          description, intake_channel, reply_channels, language, requester_id, requester_name, state, due_at,
          created_at, updated_at, closed_at)
        select ${aml!.id}::uuid, 'PUB-' || g, ${template!.accessCodeHash}, ${template!.kind},
          ${template!.categoryId}::uuid, 'Dossier ' || g, 'Sans objet', 'web', '["email"]'::jsonb, 'fr',
          ${template!.requesterId}::uuid, 'Test', 'answered',
          ${now}::timestamptz - (g * interval '3 days') + interval '12 days',
          ${now}::timestamptz - (g * interval '3 days'),
          ${now}::timestamptz - (g * interval '3 days') + ((g % 9) * interval '1 day'),
          ${now}::timestamptz - (g * interval '3 days') + ((g % 9) * interval '1 day')
        from generate_series(1, 60) g
        returning id, closed_at
      )
      insert into case_events (case_id, type, created_at) select id, 'reply_approved', closed_at from made`);
    await refreshPublicFigures(db, currentTime(), { all: true });
    await publishOpenData(db, portal.p.app.deps.files, currentTime());
  });

  it('a journalist goes from the nation to the province of Inezgane-Aït Melloul and downloads its CSV (French, desktop)', async () => {
    const { page, context, errors } = await newPage(portal.browser, portal.base, 'fr', 'desktop');
    await page.goto('/');
    await page.getByRole('link', { name: say('fr', 'fig.nav') }).click();
    await page.getByRole('heading', { level: 1, name: say('fr', 'fig.title', { place: 'Maroc' }) }).waitFor();
    await page.getByRole('link', { name: 'Souss-Massa' }).click();
    await page
      .getByRole('heading', { level: 1, name: say('fr', 'fig.title', { place: 'Souss-Massa' }) })
      .waitFor();
    await page.getByRole('link', { name: /Inezgane/ }).click();
    const heading = page.getByRole('heading', { level: 1, name: /Inezgane-Ait Melloul/ });
    await heading.waitFor();
    // the province's bodies, Aït Melloul's with its figures
    const parts = page.getByRole('region', { name: say('fr', 'fig.parts.body') });
    const amlRow = parts.getByRole('row').filter({ hasText: 'Aït Melloul' }).first();
    await amlRow.waitFor();
    expect(await amlRow.textContent()).toMatch(/jours? ouvrés?/);
    const received = page
      .locator('.stats div')
      .filter({ hasText: say('fr', 'fig.received') })
      .locator('dd');
    expect(Number((await received.textContent())!.replace(/\D/g, ''))).toBeGreaterThanOrEqual(60);
    await expectNoAxeViolations(page, 'province figures fr');
    await screenshotOf(heading, 'public-figures-province-fr-desktop');
    await screenshotOf(
      page.getByRole('heading', { name: say('fr', 'fig.trends') }),
      'public-figures-trends-fr-desktop',
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: say('fr', 'fig.csv.month') }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^jisr-figures-09\.273-\d{4}-\d\d-\d{4}-\d\d-month\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toMatch(/^month,scope_type,scope_code,scope_name,category,received,/);
    expect(lines).toHaveLength(13);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('reads a body’s figures and the open data on a phone in Arabic, the charts’ tables included', async () => {
    const { page, context, errors } = await newPage(portal.browser, portal.base, 'ar', 'phone');
    await page.goto('/figures?body=AML');
    const heading = page.getByRole('heading', { level: 1 });
    await heading.waitFor();
    expect(await heading.textContent()).toContain('الأرقام العمومية');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    // a chart's figures as a table, for screen readers and for anyone
    const chart = page.getByRole('figure', { name: say('ar', 'fig.chart.received') });
    await chart.getByText(say('ar', 'fig.chart.table')).click();
    expect(await chart.getByRole('row').count()).toBe(13);
    await expectNoAxeViolations(page, 'body figures ar');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      await page.evaluate(() => window.innerWidth),
    );
    await screenshotOf(heading, 'public-figures-body-ar-phone');
    await screenshotOf(chart, 'public-figures-chart-ar-phone');

    await page.goto('/open-data');
    await page.getByRole('heading', { level: 1, name: say('ar', 'od.title') }).waitFor();
    const dictionary = page.getByRole('region', { name: say('ar', 'od.dictionary') });
    expect(await dictionary.getByRole('row').count()).toBe(15);
    const latest = page.getByRole('link', { name: 'jisr-figures-latest.csv' });
    const res = await page.request.get((await latest.getAttribute('href'))!);
    expect(res.status()).toBe(200);
    expect((await res.text()).split('\r\n')[0]).toContain('median_working_days_to_reply');
    await expectNoAxeViolations(page, 'open data ar');
    await screenshotOf(page.getByRole('heading', { level: 1 }), 'open-data-ar-phone');
    expect(errors).toEqual([]);
    await context.close();
  });
});
