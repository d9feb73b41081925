import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../support/platform.js';
import { expectNoAxeViolations, filePortal, type L, newPage, screenshot, staffPage, tr } from './support.js';

const portal = filePortal();

/** The entries of the menu, as a user sees them: name and address. */
async function menu(page: Page): Promise<{ name: string; href: string }[]> {
  const nav = page.getByRole('navigation').first();
  return nav
    .locator('a[href^="/staff"]')
    .evaluateAll((links) =>
      links.map((a) => ({ name: (a.textContent ?? '').trim(), href: a.getAttribute('href') ?? '' })),
    );
}

/**
 * Opens a page (through its menu entry when it has one, as a user would, else by typing its address) and
 * waits until it has settled: a heading, and no "Loading…" left after the data came.
 */
async function opens(page: Page, lang: L, href: string) {
  const link = page.getByRole('navigation').first().locator(`a[href="${href}"]`);
  if ((await link.count()) > 0) {
    await link.click();
    await page.waitForURL((u) => u.pathname === href);
  } else await page.goto(href);
  await page.locator('main h1').first().waitFor({ timeout: 10_000 });
  await expect
    .poll(
      () =>
        page
          .getByRole('status')
          .filter({ hasText: tr(lang, 'common.loading') })
          .count(),
      {
        message: `${href} still loading`,
        timeout: 10_000,
      },
    )
    .toBe(0);
  return (await page.locator('main h1').first().textContent())?.trim() ?? '';
}

describe('every staff page shows its content, an empty state, a refusal or the sign-in form', () => {
  it('each territorial overseer opens every entry of their menu; the desk is not in it and refuses when typed', async () => {
    const cases: [string, L, string][] = [
      ['province@piam.demo', 'fr', 'Inezgane'],
      ['region@souss.demo', 'ar', 'سوس'],
      ['national@interieur.demo', 'fr', tr('fr', 'staff.scope.nation')],
    ];
    for (const [email, lang, territory] of cases) {
      const { page, context, errors } = await staffPage(portal, lang, email);
      const entries = await menu(page);
      const hrefs = entries.map((e) => e.href);
      expect(hrefs, email).toEqual(['/staff', '/staff/oversight', '/staff/stalled', '/staff/security']);
      // the queue is titled by the territory, not by "the back office"
      const queueTitle = await opens(page, lang, '/staff');
      expect(queueTitle, email).toContain(territory);
      expect(queueTitle).not.toContain(tr(lang, 'staff.area'));
      for (const { href } of entries) {
        const title = await opens(page, lang, href);
        expect(title, `${email} ${href}`).not.toBe('');
        expect(await page.getByText(tr(lang, 'access.refused.title')).count(), `${email} ${href}`).toBe(0);
      }
      // the stalled files of the territory, or the empty state: never an endless wait
      await opens(page, lang, '/staff/stalled');
      await expectNoAxeViolations(page, `stalled files of ${email}`);
      for (const href of [
        '/staff/desk',
        '/staff/desk-queue',
        '/staff/correspondence',
        '/staff/appointments',
      ]) {
        const title = await opens(page, lang, href);
        expect(title, `${email} ${href}`).toBe(tr(lang, 'access.refused.title'));
      }
      if (email.startsWith('province')) await screenshot(page, 'staff-refusal-province-fr');
      expect(errors).toEqual([]);
      await context.close();
    }
  }, 180_000); // every entry of several accounts' menus, one page after another

  it('every role of a commune sees the entries it may open and no other; the auditor opens each', async () => {
    const expected: Record<string, string[]> = {
      'accueil@aml.demo': ['/staff', '/staff/desk', '/staff/appointments', '/staff/desk-queue'],
      'etatcivil@aml.demo': ['/staff', '/staff/desk', '/staff/appointments', '/staff/desk-queue'],
      'chef@aml.demo': ['/staff', '/staff/desk', '/staff/oversight', '/staff/stalled'],
      'admin@aml.demo': ['/staff', '/staff/admin', '/staff/admin/people', '/staff/appointments/setup'],
      'audit@aml.demo': ['/staff', '/staff/appointments', '/staff/oversight', '/staff/stalled'],
    };
    for (const [email, mustHave] of Object.entries(expected)) {
      const { page, context, errors } = await staffPage(portal, 'fr', email);
      const hrefs = (await menu(page)).map((e) => e.href);
      expect(hrefs, email).toEqual(expect.arrayContaining(mustHave));
      if (!email.startsWith('admin')) expect(hrefs, email).not.toContain('/staff/admin');
      if (!['chef@aml.demo', 'admin@aml.demo', 'audit@aml.demo'].includes(email))
        expect(hrefs, email).not.toContain('/staff/stalled');
      // the other roles' pages are opened by the tests of the desk, the queue, appointments and administration
      for (const href of email.startsWith('audit') ? hrefs : []) {
        await opens(page, 'fr', href);
        expect(await page.getByText(tr('fr', 'access.refused.title')).count(), `${email} ${href}`).toBe(0);
      }
      expect(errors, email).toEqual([]);
      await context.close();
    }
  }, 180_000); // every entry of several accounts' menus, one page after another

  it('signed out, a staff page asks to sign in and comes back to it afterwards; a citizen is refused', async () => {
    const { page, context } = await newPage(portal.browser, portal.base, 'fr', 'desktop');
    await page.goto('/staff/desk');
    await page.waitForURL(/\/signin\?next=/);
    await page.getByLabel(tr('fr', 'signin.email')).fill('accueil@aml.demo');
    await page.getByLabel(tr('fr', 'signin.password')).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: tr('fr', 'signin.submit') }).click();
    await page.waitForURL('**/staff/desk');
    await page.getByRole('heading', { level: 1, name: tr('fr', 'staff.desk.title') }).waitFor();
    await context.close();

    // a return address to another site is ignored
    const other = await newPage(portal.browser, portal.base, 'ar', 'phone');
    await other.page.goto('/signin?next=//evil.example/steal');
    await other.page.getByLabel(tr('ar', 'signin.email')).fill('fatima@example.fr');
    await other.page.getByLabel(tr('ar', 'signin.password')).fill(DEMO_PASSWORD);
    await other.page.getByRole('button', { name: tr('ar', 'signin.submit') }).click();
    await other.page.waitForURL(`${portal.base}/cases`);
    // the citizen typing a staff address is told it is not for them
    expect(await opens(other.page, 'ar', '/staff/stalled')).toBe(tr('ar', 'access.refused.title'));
    await expectNoAxeViolations(other.page, 'refusal in Arabic');
    await screenshot(other.page, 'staff-refusal-citizen-ar');
    await other.context.close();
  });

  it('the demo shows the problem it solves: the province sees files stuck for months and escalates one', async () => {
    const { page, context, errors } = await staffPage(portal, 'fr', 'province@piam.demo');
    await opens(page, 'fr', '/staff/stalled');
    // files of every age: with the default of 7 idle days, some have waited for months
    const idle = await page.locator('.case-list .tag.late').allTextContents();
    const days = idle.map((x) => Number(x.match(/\d+/)?.[0]));
    expect(days.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...days)).toBeGreaterThanOrEqual(180);
    expect(days).toEqual([...days].sort((a, b) => b - a));
    await screenshot(page, 'staff-stalled-province-fr');
    // the one idle longest: the deadline watch has already escalated it to the province
    await page.locator('.case-list li a').first().click();
    await page.waitForURL(/\/staff\/cases\//);
    await page.getByText(tr('fr', 'event.escalated')).first().waitFor();
    // the overseer steps in: an instruction, escalated to the body's supervisors
    await page.getByRole('button', { name: tr('fr', 'staff.ws.instruction') }).click();
    await page
      .getByRole('textbox', { name: tr('fr', 'staff.ws.instruction') })
      .fill('Dossier sans action depuis plus de six mois : réponse motivée sous huit jours, merci.');
    await page.getByRole('checkbox', { name: tr('fr', 'staff.ws.escalate') }).check();
    await page.getByRole('button', { name: tr('fr', 'staff.ws.do') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: tr('fr', 'staff.ws.done') })
      .waitFor();
    await expectNoAxeViolations(page, 'case escalated by the province');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the desk match line keeps each item whole in Arabic: phone, e-mail, birth date, country', async () => {
    const { page, context } = await staffPage(portal, 'ar', 'accueil@aml.demo', 'desktop');
    await opens(page, 'ar', '/staff/desk');
    await page.getByLabel(tr('ar', 'staff.desk.name')).fill('فاطمة الحسني');
    await page.getByRole('button', { name: tr('ar', 'staff.desk.search') }).click();
    const line = page.locator('.choices li small').first();
    await line.waitFor();
    // every item is its own isolate, in reading order, with the separators outside them
    const items = await line.locator('bdi').allTextContents();
    expect(items.slice(0, 2)).toEqual(['+33612345678', 'fatima@example.fr']);
    expect(items[2]).toMatch(/1978/);
    expect(items[2]).toMatch(/14/);
    expect(await line.textContent()).toBe(items.join(' · '));
    await screenshot(page, 'ar-desktop-desk-match');
    await context.close();
  });
  it('the desk of another body finds a person only by two identifiers they give, masked, and may register their request', async () => {
    for (const [lang, size] of [
      ['ar', 'phone'],
      ['fr', 'desktop'],
    ] as const) {
      const { page, context } = await staffPage(portal, lang, 'guichet@aubm.demo', size);
      await page.goto(`${portal.base}/staff/desk`);
      const search = page.getByRole('region', { name: tr(lang, 'staff.desk.find') });
      // Youssef has files at Aït Melloul only: his name alone finds nothing here
      await search.getByLabel(tr(lang, 'staff.desk.name')).fill('Youssef Amziane');
      await search.getByRole('button', { name: tr(lang, 'staff.desk.search') }).click();
      await search.getByText(tr(lang, 'staff.desk.noMatch')).waitFor();
      await search.getByLabel(tr(lang, 'staff.desk.name')).fill('');
      await search.getByLabel(tr(lang, 'profile.cin')).fill('JB123456');
      await search.getByLabel(tr(lang, 'profile.birthDate')).fill('1985-11-02');
      await search.getByRole('button', { name: tr(lang, 'staff.desk.search') }).click();
      const found = search.locator('.choices li').first();
      await found.getByText(tr(lang, 'staff.desk.masked')).waitFor();
      const items = await found.locator('small bdi').allTextContents();
      expect(items).toContain('+34 6•• •• •• 78');
      expect(items).toContain('JB••••56');
      expect(await found.textContent()).not.toContain('youssef@example.es');
      await expectNoAxeViolations(page, `desk masked match ${lang}`);
      await screenshot(page, `${lang}-${size}-desk-masked-match`);
      await found.getByRole('button').click();
      await page.getByText(tr(lang, 'staff.desk.chosen', { name: 'Youssef Amziane' })).waitFor();
      await context.close();
    }
  });
});
