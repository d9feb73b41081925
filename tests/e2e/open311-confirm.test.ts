/**
 * The page of the link e-mailed when another system files a request for a person through Open311: in Arabic
 * on a phone and in French on a desktop, opening it files nothing; the button does, once; the page then says
 * the case's number.
 */
import { and, desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { cases } from '../../src/modules/cases/schema.js';
import { notifications } from '../../src/modules/notifications/schema.js';
import { open311Requests } from '../../src/modules/open311/schema.js';
import { currentTime } from '../../src/shared/clock.js';
import { signedIn } from '../support/platform.js';
import { expectNoAxeViolations, filePortal, newPage, screenshot, tr } from './support.js';

const portal = filePortal();

/** Files a request with a fresh key of AML, for `email`; answers the secret of the link e-mailed. */
async function requestFor(email: string, lang: 'ar' | 'fr', description: string) {
  const { app, database } = portal.p;
  const admin = await signedIn(app, 'admin@aml.demo');
  const [aml] = (await admin.get('/api/institutions'))
    .json()
    .items.filter((i: { code: string }) => i.code === 'AML');
  const made = await admin.post(`/api/institutions/${aml.id}/api-keys`, {
    label: lang === 'ar' ? 'تطبيق المدينة' : 'Application de la ville',
    scopes: ['cases:file'],
  });
  expect(made.statusCode, made.body).toBe(201);
  const res = await app.inject({
    method: 'POST',
    url: '/open311/v2/requests.json',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      api_key: made.json().secret,
      service_code: 'observation',
      email,
      first_name: lang === 'ar' ? 'Karima' : 'Julien',
      last_name: lang === 'ar' ? 'Alaoui' : 'Martin',
      lang,
      description,
    }).toString(),
  });
  expect(res.statusCode, res.body).toBe(200);
  const [mail] = await database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.toAddress, email), eq(notifications.event, 'open311_confirm')))
    .orderBy(desc(notifications.createdAt))
    .limit(1);
  return /\/requests\/confirm\/([A-Za-z0-9_-]+)/.exec(mail!.textBody)![1]!;
}

describe('confirming a request another system filed for me', () => {
  for (const [lang, size, email, description] of [
    ['ar', 'phone', 'karima.alaoui@example.be', 'الإنارة العمومية معطلة في زنقة الورود منذ أسبوعين'],
    ['fr', 'desktop', 'julien.martin@example.fr', 'Un nid-de-poule dangereux devant l’école du quartier'],
  ] as const) {
    it(`reads the request, then files it with the button (${lang}, ${size})`, async () => {
      const secret = await requestFor(email, lang, description);
      const { page, context, errors } = await newPage(portal.browser, portal.base, lang, size);
      await page.goto(`/requests/confirm/${secret}`);
      await page.getByRole('heading', { level: 1, name: tr(lang, 'confirmRequest.title') }).waitFor();
      await page.getByText(description).waitFor();
      expect(await page.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      // opening the page files nothing
      const filed = () => portal.p.database.db.select().from(cases).where(eq(cases.description, description));
      expect(await filed()).toEqual([]);
      await expectNoAxeViolations(page, `confirm ${lang}`);
      await screenshot(page, `${lang}-${size}-open311-confirm`);

      await page.getByRole('button', { name: tr(lang, 'confirmRequest.confirm') }).click();
      await page.getByRole('heading', { level: 2, name: tr(lang, 'confirmRequest.done') }).waitFor();
      const [row] = await filed();
      expect(row!.intakeChannel).toBe('api');
      await page.getByText(row!.trackingNumber).waitFor();
      await expect(
        page.getByRole('button', { name: tr(lang, 'confirmRequest.confirm') }).count(),
      ).resolves.toBe(0);
      await expectNoAxeViolations(page, `confirmed ${lang}`);
      await screenshot(page, `${lang}-${size}-open311-confirmed`);

      // the link opened again says it is filed, and files nothing more
      await page.reload();
      await page.getByRole('heading', { level: 2, name: tr(lang, 'confirmRequest.done') }).waitFor();
      expect((await filed()).length).toBe(1);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('says clearly when the link has expired or is unknown (fr, phone)', async () => {
    const secret = await requestFor('tard@example.fr', 'fr', 'Une demande confirmée bien trop tard');
    // the seven days have passed
    await portal.p.database.db
      .update(open311Requests)
      .set({ expiresAt: new Date(currentTime().getTime() - 60_000) })
      .where(eq(open311Requests.email, 'tard@example.fr'));
    const { page, context } = await newPage(portal.browser, portal.base, 'fr', 'phone');
    await page.goto(`/requests/confirm/${secret}`);
    await page.getByRole('alert').getByText(tr('fr', 'confirmRequest.expired')).waitFor();
    expect(await page.getByRole('button', { name: tr('fr', 'confirmRequest.confirm') }).count()).toBe(0);
    await expectNoAxeViolations(page, 'confirm expired');
    await screenshot(page, 'fr-phone-open311-expired');

    await page.goto('/requests/confirm/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
    await page
      .getByRole('alert')
      .getByText(/lien de confirmation est inconnu/)
      .waitFor();
    await expectNoAxeViolations(page, 'confirm unknown');
    await screenshot(page, 'fr-phone-open311-unknown');
    await context.close();
  });
});
