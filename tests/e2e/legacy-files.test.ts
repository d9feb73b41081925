import { describe, expect, it } from 'vitest';
import { samples, signedIn } from '../support/platform.js';
import {
  expectNoAxeViolations,
  filePortal,
  newPage,
  screenshot,
  signInWithPassword,
  staffPage,
  tr,
} from './support.js';

const portal = filePortal();

type Named = { id: string; code: string };

describe('paper files registered late', () => {
  it('the citizen registers a paper file from the form, with the scan of its receipt; a wrong day is said at once', async () => {
    const lang = 'fr';
    const { page, context, errors } = await newPage(portal.browser, portal.base, lang, 'desktop');
    await signInWithPassword(page, lang, 'youssef@example.es');
    await page.waitForURL('**/cases');
    await page.goto('/guides/etat-civil-extrait-acte-naissance');
    await page.getByRole('link', { name: tr(lang, 'guide.file') }).click();
    await page.getByText(tr(lang, 'file.step', { n: 2, total: 5 })).waitFor();
    await page
      .getByLabel(new RegExp(`^${tr(lang, 'file.subject.label')}`))
      .fill('Extrait demandé au guichet');
    await page
      .getByLabel(new RegExp(`^${tr(lang, 'file.description.label')}`))
      .fill('Demandé au guichet de l’état civil en 2019, jamais délivré depuis.');
    await page.locator('#field-person_name').fill('Youssef Amziane');
    await page.locator('#field-copies').fill('1');
    await page.getByLabel(tr(lang, 'legacy.toggle')).check();
    await page.getByLabel(new RegExp(`^${tr(lang, 'legacy.reference')}`)).fill('EC-2019-3321');
    await page.getByLabel(new RegExp(`^${tr(lang, 'legacy.filedOn')}`)).fill('1985-06-01');
    await page.getByRole('button', { name: tr(lang, 'common.next') }).click();
    // a day before 1990: said beside the field, and the form stays on this step
    await page.getByText(tr(lang, 'legacy.tooOld')).waitFor();
    await expectNoAxeViolations(page, 'legacy form error fr');
    await screenshot(page, 'fr-desktop-legacy-form');
    await page.getByLabel(new RegExp(`^${tr(lang, 'legacy.filedOn')}`)).fill('2019-03-12');
    await page.getByRole('button', { name: tr(lang, 'common.next') }).click();
    await page
      .getByTestId('file-input')
      .setInputFiles({ name: 'recepisse-2019.pdf', mimeType: 'application/pdf', buffer: samples.pdf });
    await page.getByText('recepisse-2019.pdf', { exact: true }).waitFor();
    await page.getByRole('button', { name: tr(lang, 'common.next') }).click();
    await page.getByRole('button', { name: tr(lang, 'common.next') }).click();
    expect(await page.locator('#review-title').locator('..').textContent()).toContain('EC-2019-3321');
    await page.getByRole('button', { name: tr(lang, 'file.review.send') }).click();
    await page.getByRole('heading', { name: tr(lang, 'receipt.title') }).waitFor({ timeout: 20_000 });
    const mine = (await (await page.request.get('/api/cases?limit=100')).json()) as {
      items: { id: string; overdue: boolean; legacy: { reference: string; filedOn: string } | null }[];
    };
    const made = mine.items.find((c) => c.legacy?.reference === 'EC-2019-3321')!;
    expect(made).toMatchObject({ overdue: true, legacy: { filedOn: '2019-03-12' } });
    const papers = (await (await page.request.get(`/api/cases/${made.id}/attachments`)).json()) as {
      items: { name: string }[];
    };
    expect(papers.items.map((x) => x.name)).toEqual(['recepisse-2019.pdf']);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a legacy file from 2019 shows as overdue to the overseer, with its true age, and to the citizen', async () => {
    const { app } = portal.p;
    const fatima = await signedIn(app, 'fatima@example.fr');
    const aml = ((await fatima.get('/api/institutions')).json().items as Named[]).find(
      (b) => b.code === 'AML',
    )!;
    const categories = (await fatima.get('/api/categories')).json().items as Named[];
    const filed = await fatima.post('/api/cases', {
      institutionId: aml.id,
      categoryId: categories.find((c) => c.code === 'complaint-autre')!.id,
      subject: 'Raccordement demandé en 2019',
      description: 'Dossier déposé au guichet en mars 2019, toujours sans réponse à ce jour.',
      replyChannels: ['email'],
      language: 'fr',
      legacy: { reference: 'AML/RAC/2019/0457', filedOn: '2019-03-12', service: 'Service technique' },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const { id, trackingNumber } = filed.json() as { id: string; trackingNumber: string };

    for (const [lang, size] of [
      ['fr', 'desktop'],
      ['ar', 'phone'],
    ] as const) {
      // the overseer of the province picks the paper files in the stuck files
      const { page, context, errors } = await staffPage(portal, lang, 'province@piam.demo', size);
      await page.goto('/staff/stalled');
      await page.getByLabel(tr(lang, 'staff.stalled.view')).selectOption('legacy');
      await page.getByRole('heading', { name: tr(lang, 'staff.stalled.legacyTitle') }).waitFor();
      const item = page.locator('ul.case-list > li', { hasText: trackingNumber });
      await item.waitFor();
      const age = item.getByTestId('legacy-age');
      expect(await age.textContent()).toContain('AML/RAC/2019/0457');
      expect(await age.textContent()).toContain('2019');
      if (lang === 'ar') expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      await expectNoAxeViolations(page, `legacy stalled ${lang}`);
      await screenshot(page, `${lang}-${size}-legacy-stalled`);

      // its page: overdue, with the paper file's first day and reference
      await item.getByRole('link').first().click();
      const note = page.getByTestId('legacy-note');
      await note.waitFor();
      expect(await note.textContent()).toContain('AML/RAC/2019/0457');
      expect(await note.textContent()).toContain('2019');
      expect(await page.locator('.tag.late').count()).toBeGreaterThan(0);
      await expectNoAxeViolations(page, `legacy case ${lang}`);
      await screenshot(page, `${lang}-${size}-legacy-case-staff`);
      expect(errors).toEqual([]);
      await context.close();
    }

    // the citizen reads the same on their phone, in Arabic
    const { page, context, errors } = await newPage(portal.browser, portal.base, 'ar', 'phone');
    await signInWithPassword(page, 'ar', 'fatima@example.fr');
    await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
    await page.goto(`/cases/${id}`);
    const note = page.getByTestId('legacy-note');
    await note.waitFor();
    expect(await note.textContent()).toContain('AML/RAC/2019/0457');
    expect(await page.locator('.alert.late').count()).toBe(1);
    await expectNoAxeViolations(page, 'legacy case citizen ar');
    await screenshot(page, 'ar-phone-legacy-case-citizen');
    expect(errors).toEqual([]);
    await context.close();
  });
});
