import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { notifications } from '../../src/modules/notifications/schema.js';
import { mandatesAr } from '../../src/web/locales/mandates.ar.js';
import type { mandatesEn } from '../../src/web/locales/mandates.en.js';
import { mandatesFr } from '../../src/web/locales/mandates.fr.js';
import { signedIn } from '../support/platform.js';
import { expectNoAxeViolations, filePortal, newPage, screenshot, signInWithPassword, tr } from './support.js';

const portal = filePortal();
/** A text of the mandates' pages in Arabic, with its {{placeholders}} filled. */
const mt = (key: keyof typeof mandatesEn, vars: Record<string, string> = {}) =>
  mandatesAr[key].replace(/\{\{(\w+)\}\}/g, (_, k: string) => vars[k] ?? '');

const FATIMA = 'fatima@example.fr';
/** Plays Fatima's brother in Aït Melloul. */
const BROTHER = 'khadija@example.be';

describe('filing for a person under a mandate', () => {
  it('the relative files a birth-certificate request for her from the form (Arabic, phone)', async () => {
    const { app, database } = portal.p;
    const api = await signedIn(app, FATIMA);
    const bodies = (await api.get('/api/institutions')).json().items as { id: string; code: string }[];
    const categories = (await api.get('/api/categories')).json().items as { id: string; code: string }[];
    const categoryId = categories.find((c) => c.code === 'doc-etat-civil-extrait-acte-naissance')!.id;
    const given = await api.post('/api/mandates', {
      granteeEmail: BROTHER,
      categoryId,
      actions: ['file', 'answer'],
      validFrom: '2026-01-01T00:00:00Z',
      validUntil: '2036-01-01T00:00:00Z',
    });
    expect(given.statusCode, given.body).toBe(201);
    const mandateId = given.json().id as string;
    expect((await (await signedIn(app, BROTHER)).post(`/api/mandates/${mandateId}/accept`)).statusCode).toBe(
      200,
    );
    const ref = `\u2066M-${mandateId.slice(0, 8).toUpperCase()}\u2069`;

    const { page, context, errors } = await newPage(portal.browser, portal.base, 'ar', 'phone');
    await signInWithPassword(page, 'ar', BROTHER);
    await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
    const aml = bodies.find((b) => b.code === 'AML')!.id;
    await page.goto(`/file/${aml}?document=etat-civil-extrait-acte-naissance`);
    await page.getByText(tr('ar', 'file.step', { n: 2, total: 5 })).waitFor();
    await page.getByLabel(new RegExp(`^${tr('ar', 'file.subject.label')}`)).fill('نسخة من عقد الازدياد');
    await page
      .getByLabel(new RegExp(`^${tr('ar', 'file.description.label')}`))
      .fill('نسخة من عقد ازدياد أختي فاطمة لملفها في فرنسا.');
    await page.locator('#field-person_name').fill('Fatima El Hassani');
    await page.locator('#field-copies').fill('1');
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: tr('ar', 'common.next') }).click();
    await page.locator('#review-title').waitFor();

    // the review step offers to file for her, under the mandate
    const forHer = mt('mandate.file.for', { name: 'Fatima El Hassani', ref });
    await page.getByLabel(mt('mandate.file.self')).waitFor();
    await page.getByLabel(forHer).check();
    await page.getByText(mt('mandate.file.note')).waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await expectNoAxeViolations(page, 'filing for a person ar');
    await screenshot(page, 'ar-phone-mandate-file-choice');
    await page.getByRole('button', { name: tr('ar', 'file.review.send') }).click();

    await page
      .getByRole('heading', { name: mt('mandate.file.done.title', { name: 'Fatima El Hassani' }) })
      .waitFor();
    await expectNoAxeViolations(page, 'filed for a person ar');
    await screenshot(page, 'ar-phone-mandate-filed');

    // the request is hers, with her receipt; she is told her brother filed it
    const mine = (await api.get('/api/cases')).json().items as { id: string; subject: string }[];
    const filed = mine.find((c) => c.subject === 'نسخة من عقد الازدياد');
    expect(filed).toBeDefined();
    expect(await page.getByText(mt('mandate.file.done.open')).getAttribute('href')).toBe(
      `/cases/${filed!.id}`,
    );
    const toHer = await database.db
      .select({ event: notifications.event })
      .from(notifications)
      .where(and(eq(notifications.caseId, filed!.id), eq(notifications.toAddress, FATIMA)));
    expect(toHer.map((n) => n.event)).toEqual(expect.arrayContaining(['receipt', 'mandate_used']));
    expect(errors).toEqual([]);
    await context.close();

    // the same choice in French, on a desktop: filing for oneself stays the default
    const fr = await newPage(portal.browser, portal.base, 'fr', 'desktop');
    await signInWithPassword(fr.page, 'fr', BROTHER);
    await fr.page.waitForURL((u) => !u.pathname.startsWith('/signin'));
    await fr.page.goto(`/file/${aml}?document=etat-civil-extrait-acte-naissance`);
    await fr.page.getByLabel(new RegExp(`^${tr('fr', 'file.subject.label')}`)).fill('Extrait pour ma sœur');
    await fr.page
      .getByLabel(new RegExp(`^${tr('fr', 'file.description.label')}`))
      .fill('Un extrait d’acte de naissance de ma sœur Fatima.');
    await fr.page.locator('#field-person_name').fill('Fatima El Hassani');
    await fr.page.locator('#field-copies').fill('1');
    for (let i = 0; i < 3; i++) await fr.page.getByRole('button', { name: tr('fr', 'common.next') }).click();
    expect(await fr.page.getByLabel(mandatesFr['mandate.file.self']).isChecked()).toBe(true);
    await expectNoAxeViolations(fr.page, 'filing for a person fr');
    await screenshot(fr.page, 'fr-desktop-mandate-file-choice');
    expect(fr.errors).toEqual([]);
    await fr.context.close();
  });
});
