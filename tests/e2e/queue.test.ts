import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, type Portal, screenshot, staffPage, startPortal, tr } from './support.js';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
}, 180_000);
afterAll(() => portal?.close());

describe('the staff queue', () => {
  const cases = [
    { lang: 'fr', size: 'desktop', q: 'NAISSANCE acte', expect: 'Extrait d’acte de naissance pour mon fils' },
    // Without the vowel marks and with a ha for the ta marbuta, as people type on a phone.
    { lang: 'ar', size: 'phone', q: 'نسخه موجزه', expect: 'نسخة موجزة من رسم الولادة' },
  ] as const;
  for (const c of cases) {
    it(`searches, filters, counts and keeps a saved view (${c.lang}, ${c.size})`, async () => {
      const { page, context } = await staffPage(portal, c.lang, 'accueil@aml.demo', c.size);
      const lang = c.lang;
      const openTab = page.getByRole('button', { name: new RegExp(`^${tr(lang, 'staff.queue.open')}`) });
      await expect.poll(async () => openTab.getAttribute('aria-pressed')).toBe('true');
      await expectNoAxeViolations(page, `queue ${lang} ${c.size}`);
      await screenshot(page, `${lang}-${c.size}-staff-queue-filters`);

      // Search every state: the words match whatever the case, accents and Arabic letter variants.
      await page.getByRole('button', { name: new RegExp(`^${tr(lang, 'staff.queue.allOpen')}`) }).click();
      await page.getByRole('searchbox', { name: tr(lang, 'staff.queue.search') }).fill(c.q);
      await page.getByRole('button', { name: tr(lang, 'staff.queue.searchButton') }).click();
      await page.getByRole('link', { name: new RegExp(c.expect) }).waitFor();
      expect(page.url()).toContain('q=');
      const found = await page.locator('.case-list li').count();
      expect(found).toBeGreaterThan(0);

      // A search with no result says so.
      await page.getByRole('searchbox', { name: tr(lang, 'staff.queue.search') }).fill('zzqqxx');
      await page.getByRole('button', { name: tr(lang, 'staff.queue.searchButton') }).click();
      await page.getByText(tr(lang, 'staff.queue.noMatch', { q: 'zzqqxx' })).waitFor();

      // Filters: late cases only, nearest deadline first; the address keeps them.
      await page.getByRole('searchbox', { name: tr(lang, 'staff.queue.search') }).fill('');
      await page.getByRole('button', { name: tr(lang, 'staff.queue.searchButton') }).click();
      await page.locator('summary', { hasText: tr(lang, 'staff.queue.filters') }).click();
      await page.getByLabel(tr(lang, 'staff.queue.sort')).selectOption('due');
      await page.getByLabel(tr(lang, 'staff.queue.kind')).selectOption('document_request');
      await expect.poll(() => page.url()).toContain('kind=document_request');
      await page.locator('.case-list li').first().waitFor();
      const kinds = await page.locator('.case-list .meta .tag:not(.late)').allTextContents();
      expect(new Set(kinds)).toEqual(new Set([tr(lang, 'kind.document_request')]));
      await screenshot(page, `${lang}-${c.size}-staff-queue-filtered`);

      // Save the view, see it after a reload, then delete it after confirming.
      const name = lang === 'ar' ? 'طلبات الوثائق' : 'Demandes d’actes';
      await page.getByLabel(tr(lang, 'staff.views.name')).fill(name);
      await page.getByRole('button', { name: tr(lang, 'staff.views.save') }).click();
      await page.getByRole('button', { name, exact: true }).waitFor();
      await page.goto('/staff');
      await page.getByRole('button', { name, exact: true }).click();
      await expect.poll(() => page.url()).toContain('kind=document_request');
      await expectNoAxeViolations(page, `queue with view ${lang} ${c.size}`);
      await page.getByRole('button', { name: tr(lang, 'staff.views.delete', { name }) }).click();
      await page
        .getByRole('alertdialog', { name: tr(lang, 'staff.views.deleteConfirm', { name }) })
        .getByRole('button', { name: tr(lang, 'staff.views.delete', { name }) })
        .click();
      await page.getByText(tr(lang, 'staff.views.empty')).waitFor();
      await context.close();
    });
  }
});
