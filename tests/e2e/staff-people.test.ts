import { and, desc, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../src/modules/notifications/schema.js';
import { ar } from '../../src/web/locales/ar.js';
import { fr } from '../../src/web/locales/fr.js';
import { people } from '../../src/web/locales/people.js';
import { DEMO_PASSWORD } from '../support/platform.js';
import { expectNoAxeViolations, newPage, type Portal, screenshot, startPortal } from './support.js';

const T = { ar: { ...ar, ...people.ar }, fr: { ...fr, ...people.fr } } as const;
type L = keyof typeof T;
type Key = keyof typeof T.fr;
const tr = (lang: L, key: Key, vars: Record<string, string | number> = {}) =>
  (T[lang] as Record<string, string>)[key]!.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(vars[k]));

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
}, 180_000);
afterAll(() => portal?.close());

async function adminPage(lang: L, size: 'phone' | 'desktop') {
  const s = await newPage(portal.browser, portal.base, lang, size);
  await s.page.goto('/signin');
  await s.page.getByLabel(tr(lang, 'signin.email')).fill('admin@aml.demo');
  await s.page.getByLabel(tr(lang, 'signin.password')).fill(DEMO_PASSWORD);
  await s.page.getByRole('button', { name: tr(lang, 'signin.submit') }).click();
  await s.page.waitForURL('**/staff');
  return s;
}

const status = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text }).waitFor();

async function invitationLink(email: string) {
  const [mail] = await portal.p.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.toAddress, email), eq(notifications.event, 'invite')))
    .orderBy(desc(notifications.createdAt))
    .limit(1);
  // The link points at the configured public address; the test server listens on another port.
  const url = new URL(mail!.textBody.match(/https?:\/\/\S+/)![0]);
  return url.pathname + url.hash;
}

describe('departments and staff, by the institution admin', () => {
  for (const lang of ['fr', 'ar'] as const) {
    it(`adds a department and a member, who joins by the e-mail link, then is disabled (${lang})`, async () => {
      const code = lang === 'fr' ? 'archives' : 'guichet-unique';
      const names =
        lang === 'fr'
          ? { nameAr: 'الأرشيف', nameFr: 'Archives', nameEn: 'Archives' }
          : { nameAr: 'الشباك الوحيد', nameFr: 'Guichet unique', nameEn: 'One-stop desk' };
      const member =
        lang === 'fr'
          ? { name: 'Rachid Amrani', email: 'rachid@aml.demo' }
          : { name: 'خديجة الإدريسي', email: 'khadija@aml.demo' };
      const deptName = lang === 'fr' ? names.nameFr : names.nameAr;
      const { page, context, errors } = await adminPage(lang, 'desktop');
      await page.getByRole('link', { name: tr(lang, 'people.nav') }).click();
      await page
        .getByRole('heading', { level: 1, name: tr(lang, 'people.title', { body: '' }).trim() })
        .waitFor();
      await page.getByRole('table').first().waitFor();
      expect(await page.evaluate(() => document.documentElement.dir)).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      await expectNoAxeViolations(page, `people ${lang}`);

      // A department: the code is checked next to its field, then it is added.
      await page.getByText(tr(lang, 'people.depts.add'), { exact: true }).first().click();
      const deptForm = page.locator('form').filter({ has: page.getByLabel(tr(lang, 'people.depts.code')) });
      await deptForm.getByLabel(tr(lang, 'people.depts.code')).fill('Pas Bon');
      for (const f of ['nameAr', 'nameFr', 'nameEn'] as const)
        await deptForm.getByLabel(tr(lang, `people.depts.${f}`)).fill(names[f]);
      await deptForm.getByRole('button', { name: tr(lang, 'people.depts.add') }).click();
      const codeField = deptForm.getByLabel(tr(lang, 'people.depts.code'));
      await expect.poll(() => codeField.getAttribute('aria-invalid')).toBe('true');
      await expectNoAxeViolations(page, `people ${lang}, department code refused`);
      await codeField.fill(code);
      await deptForm.getByRole('button', { name: tr(lang, 'people.depts.add') }).click();
      await status(page, tr(lang, 'people.depts.added', { name: deptName }));
      await page.getByRole('rowheader', { name: new RegExp(deptName) }).waitFor();

      // A department with open cases cannot close: the dialog says how many.
      const civil = lang === 'fr' ? 'Bureau d’état civil' : 'مكتب الحالة المدنية';
      await page.getByRole('button', { name: tr(lang, 'people.depts.close', { name: civil }) }).click();
      const dialog = page.getByRole('alertdialog');
      await dialog.waitFor();
      await dialog.getByRole('button', { name: tr(lang, 'people.do.close'), exact: true }).click();
      await dialog.getByRole('alert').waitFor();
      expect(await dialog.getByRole('alert').textContent()).toMatch(/\d/);
      await expectNoAxeViolations(page, `people ${lang}, close refused`);
      await screenshot(page, `${lang}-desktop-people-close-refused`);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });

      // A member: errors next to the fields first, then the invitation goes out.
      await page.getByText(tr(lang, 'people.staff.add'), { exact: true }).first().click();
      const form = page.locator('form').filter({ has: page.getByLabel(tr(lang, 'people.staff.email')) });
      await form.getByRole('button', { name: tr(lang, 'people.staff.add') }).click();
      const nameField = form.getByLabel(tr(lang, 'people.staff.name'));
      await expect.poll(() => nameField.getAttribute('aria-invalid')).toBe('true');
      await form.locator('.field-error').first().waitFor();
      await expectNoAxeViolations(page, `people ${lang}, member refused`);
      await nameField.fill(member.name);
      await form.getByLabel(tr(lang, 'people.staff.email')).fill(member.email);
      await form
        .getByLabel(tr(lang, 'people.staff.role'))
        .selectOption({ label: tr(lang, 'people.role.department_agent') });
      await form.getByLabel(tr(lang, 'people.staff.department')).selectOption({ label: deptName });
      await form.getByRole('button', { name: tr(lang, 'people.staff.add') }).click();
      await status(page, tr(lang, 'people.staff.added', { name: member.name, email: member.email }));
      const row = page.getByRole('row').filter({ hasText: member.email });
      await row.getByText(tr(lang, 'people.staff.invited')).waitFor();
      await expectNoAxeViolations(page, `people ${lang}, member added`);

      // The member opens the link of the e-mail, chooses a password and lands in the back office.
      const invited = await newPage(portal.browser, portal.base, lang, 'phone');
      await invited.page.goto(await invitationLink(member.email));
      await invited.page.getByRole('heading', { level: 1, name: tr(lang, 'welcome.title') }).waitFor();
      await invited.page.getByText(member.email).waitFor();
      await expectNoAxeViolations(invited.page, `welcome ${lang}`);
      await screenshot(invited.page, `${lang}-phone-welcome`);
      await invited.page.getByLabel(tr(lang, 'welcome.password')).fill('Mon-nouveau-2026');
      await invited.page.getByLabel(tr(lang, 'welcome.confirm')).fill('Mon-nouveau-2026');
      await invited.page.getByRole('button', { name: tr(lang, 'welcome.submit') }).click();
      await invited.page.waitForURL('**/staff');
      await invited.page
        .getByRole('link', { name: tr(lang, 'nav.signOut') })
        .or(invited.page.getByRole('button', { name: tr(lang, 'nav.signOut') }))
        .waitFor();

      // Rename the department inline, with the keyboard.
      await page.reload();
      await page.getByRole('button', { name: tr(lang, 'people.depts.rename', { name: deptName }) }).focus();
      await page.keyboard.press('Enter');
      const renamed = lang === 'fr' ? 'Archives communales' : 'الشباك الوحيد للجالية';
      const renameForm = page.getByRole('form', {
        name: tr(lang, 'people.depts.renameTitle', { name: deptName }),
      });
      // Focus went to the first field of the inline form (the Arabic name).
      await expect
        .poll(() =>
          renameForm
            .getByLabel(tr(lang, 'people.depts.nameAr'))
            .evaluate((e) => e === document.activeElement),
        )
        .toBe(true);
      const field = renameForm.getByLabel(
        tr(lang, lang === 'fr' ? 'people.depts.nameFr' : 'people.depts.nameAr'),
      );
      await field.fill(renamed);
      await field.press('Enter');
      await status(page, tr(lang, 'people.depts.renamed'));
      await page.getByRole('rowheader', { name: new RegExp(renamed) }).waitFor();

      // Disable the member after confirming; they are signed out at once.
      await page
        .getByRole('button', { name: tr(lang, 'people.staff.disable', { name: member.name }) })
        .click();
      await expectNoAxeViolations(page, `people ${lang}, disable dialog`);
      await screenshot(page, `${lang}-desktop-people-disable-dialog`);
      await page
        .getByRole('alertdialog')
        .getByRole('button', { name: tr(lang, 'people.do.disable'), exact: true })
        .click();
      await status(page, tr(lang, 'people.staff.disabledDone', { name: member.name }));
      await page
        .getByRole('row')
        .filter({ hasText: member.email })
        .getByText(tr(lang, 'people.staff.disabled'))
        .waitFor();
      await expectNoAxeViolations(page, `people ${lang}, member disabled`);
      await screenshot(page, `${lang}-desktop-people`);
      const after = await invited.page.request.get('/api/auth/session');
      expect(after.status()).toBe(401);

      const phone = await adminPage(lang, 'phone');
      await phone.page.goto('/staff/admin/people');
      await phone.page.getByRole('row').filter({ hasText: member.email }).waitFor();
      await expectNoAxeViolations(phone.page, `people ${lang} phone`);
      await screenshot(phone.page, `${lang}-phone-people`);
      expect(errors).toEqual([]);
      await Promise.all([context.close(), invited.context.close(), phone.context.close()]);
    }, 180_000);
  }

  it('sets whether people see the names of the staff who read their file, and says so (fr desktop, ar phone)', async () => {
    for (const [lang, size, on] of [
      ['fr', 'desktop', true],
      ['ar', 'phone', false],
    ] as const) {
      const { page, context, errors } = await adminPage(lang, size);
      await page.goto('/staff/admin');
      const box = page.getByRole('checkbox', { name: tr(lang, 'staff.admin.privacy.showNames') });
      await box.waitFor();
      expect(await box.isChecked()).toBe(!on);
      await box.click();
      await page
        .getByText(tr(lang, on ? 'staff.admin.privacy.namesOn' : 'staff.admin.privacy.namesOff'))
        .waitFor();
      expect(await box.isChecked()).toBe(on);
      await page.getByRole('heading', { name: tr(lang, 'staff.admin.privacy') }).scrollIntoViewIfNeeded();
      await expectNoAxeViolations(page, `admin privacy ${lang}`);
      await screenshot(page, `${lang}-${size}-admin-privacy`);
      // kept: the page read afresh shows the policy saved
      await page.reload();
      await box.waitFor();
      expect(await box.isChecked()).toBe(on);
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});
