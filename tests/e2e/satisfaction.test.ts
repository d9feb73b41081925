import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { cases } from '../../src/modules/cases/schema.js';
import { currentTime } from '../../src/shared/clock.js';
import { satisfactionAr } from '../../src/web/locales/satisfaction.ar.js';
import { satisfactionFr } from '../../src/web/locales/satisfaction.fr.js';
import { fileComplaintAtAml, signedIn } from '../support/platform.js';
import { expectNoAxeViolations, filePortal, type L, screenshot, staffPage } from './support.js';

const portal = filePortal();
const texts = { fr: satisfactionFr, ar: satisfactionAr };
const s = (lang: L, key: keyof typeof satisfactionFr, vars: Record<string, string> = {}) =>
  texts[lang][key].replace(/\{\{(\w+)\}\}/g, (_, k: string) => vars[k] ?? '');

describe('satisfaction that counts', () => {
  it('shows a supervisor the ratings and comments of the body, and closes the follow-up of a low rating', async () => {
    const { app, database } = portal.p;
    const fatima = await signedIn(app, 'fatima@example.fr');
    const made = await fileComplaintAtAml(fatima, {
      subject: 'Lampadaire éteint devant l’école',
      description: 'Le lampadaire devant l’école primaire est éteint depuis trois semaines.',
    });
    await database.db
      .update(cases)
      .set({ state: 'closed', closedAt: currentTime() })
      .where(eq(cases.id, made.id));
    const rated = await fatima.post(`/api/cases/${made.id}/rating`, {
      score: 1,
      comment: 'On m’a dit que c’était réglé, le lampadaire est toujours éteint.',
    });
    expect(rated.statusCode, rated.body).toBe(201);

    // Arabic, on a phone: the figures and the follow-up, right to left
    {
      const { page, context, errors } = await staffPage(portal, 'ar', 'chef@aml.demo', 'phone');
      await page.goto('/staff/satisfaction');
      await page.getByTestId('satisfaction-comments').waitFor();
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      await page.getByTestId('follow-ups').waitFor();
      await expectNoAxeViolations(page, 'satisfaction ar phone');
      await screenshot(page, 'ar-phone-satisfaction');
      expect(errors).toEqual([]);
      await context.close();
    }

    // French, on a desktop: through the menu, the figures, the comment, then the follow-up closed
    const lang = 'fr';
    const { page, context, errors } = await staffPage(portal, lang, 'chef@aml.demo');
    await page
      .getByRole('navigation')
      .first()
      .getByRole('link', { name: s(lang, 'sat.nav') })
      .click();
    await page.waitForURL('**/staff/satisfaction');
    const total = page.getByTestId('satisfaction-total');
    await total.waitFor();
    expect(await total.textContent()).toContain('1');
    const comments = page.getByTestId('satisfaction-comments');
    expect(await comments.textContent()).toContain('le lampadaire est toujours éteint');
    expect(await comments.textContent()).toContain(made.trackingNumber);
    await page.getByRole('button', { name: s(lang, 'sat.group.agent') }).click();
    await page.getByRole('columnheader', { name: s(lang, 'sat.group.agent') }).waitFor();

    const followUps = page.getByTestId('follow-ups');
    const item = followUps.locator('li').filter({ hasText: made.trackingNumber });
    await item.waitFor();
    await expectNoAxeViolations(page, 'satisfaction fr desktop');
    await screenshot(page, 'fr-desktop-satisfaction');

    await item.getByRole('button', { name: s(lang, 'fu.markDone') }).click();
    const dialog = page.getByRole('alertdialog', {
      name: s(lang, 'fu.confirmTitle', { tracking: made.trackingNumber }),
    });
    await dialog.waitFor();
    // nothing written: refused in words, the dialog stays open
    await dialog.getByRole('button', { name: s(lang, 'fu.confirm') }).click();
    await dialog.getByRole('alert').waitFor();
    await dialog.getByLabel(s(lang, 'fu.outcome')).fill('Appelée le jour même ; le lampadaire a été réparé.');
    await expectNoAxeViolations(page, 'follow-up dialog fr');
    await screenshot(page, 'fr-desktop-follow-up-dialog');
    await dialog.getByRole('button', { name: s(lang, 'fu.confirm') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: s(lang, 'fu.closedNotice') })
      .waitFor();
    await expect.poll(() => item.count()).toBe(0);
    await page.getByRole('button', { name: s(lang, 'fu.done') }).click();
    await followUps.locator('li').filter({ hasText: 'le lampadaire a été réparé' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
