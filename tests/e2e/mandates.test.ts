import { describe, expect, it } from 'vitest';
import { mandatesAr } from '../../src/web/locales/mandates.ar.js';
import type { mandatesEn } from '../../src/web/locales/mandates.en.js';
import { mandatesFr } from '../../src/web/locales/mandates.fr.js';
import { actOn, signedIn } from '../support/platform.js';
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
const M = { ar: mandatesAr, fr: mandatesFr } as const;
/** A text of the mandates' pages as the page shows it, with its {{placeholders}} filled. */
const mt = (lang: 'ar' | 'fr', key: keyof typeof mandatesEn, vars: Record<string, string> = {}) =>
  M[lang][key].replace(/\{\{(\w+)\}\}/g, (_, k: string) => vars[k] ?? '');

const FATIMA = 'fatima@example.fr';
/** Plays Fatima's brother in Aït Melloul. */
const BROTHER = 'khadija@example.be';
const BROTHER_NAME = 'Khadija Bouzid';

describe('a relative who can act', () => {
  it('a mandate given (French, desktop), used (Arabic, phone), revoked', async () => {
    const { app } = portal.p;
    const api = await signedIn(app, FATIMA);
    const bodies = (await api.get('/api/institutions')).json().items as { id: string; code: string }[];
    const categories = (await api.get('/api/categories')).json().items as { id: string; code: string }[];
    const filed = await api.post('/api/cases', {
      institutionId: bodies.find((b) => b.code === 'AML')!.id,
      categoryId: categories.find((c) => c.code === 'doc-etat-civil-extrait-acte-naissance')!.id,
      subject: 'Extrait d’acte de naissance',
      description: 'Un extrait de mon acte de naissance pour mon dossier en France.',
      fields: { person_name: 'Fatima El Hassani', record_number: '1234', record_year: 1978, copies: 2 },
      replyChannels: ['email'],
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const { id, trackingNumber } = filed.json() as { id: string; trackingNumber: string };
    const chef = await signedIn(app, 'chef@aml.demo');
    await actOn(chef, id, [['acknowledge'], ['start'], ['request_info', 'Quel est le lieu de naissance ?']]);

    // Fatima, in France, gives her brother a mandate to answer on this case
    const her = await newPage(portal.browser, portal.base, 'fr', 'desktop');
    await signInWithPassword(her.page, 'fr', FATIMA);
    await her.page.waitForURL((u) => !u.pathname.startsWith('/signin'));
    await her.page.goto('/mandates');
    await her.page.getByLabel(mt('fr', 'mandate.give.email')).fill(BROTHER);
    await her.page.locator('#mandate-case').selectOption(id);
    await her.page.getByLabel(mt('fr', 'mandate.action.collect')).check();
    await her.page.getByText(mt('fr', 'mandate.give.procuration')).waitFor();
    await her.page.getByRole('button', { name: mt('fr', 'mandate.give.send') }).click();
    await her.page.getByText(mt('fr', 'mandate.give.sent', { email: BROTHER })).waitFor();
    const given = her.page.getByRole('region', { name: mt('fr', 'mandate.given.title') });
    await given.getByText(mt('fr', 'mandate.status.pending')).waitFor();
    expect(await given.textContent()).toContain(trackingNumber);
    await expectNoAxeViolations(her.page, 'mandates fr');
    await screenshot(her.page, 'fr-desktop-mandate-given');
    const mandateId = ((await api.get('/api/mandates')).json().given as { id: string }[])[0]!.id;
    // the reference as the pages write it, kept left to right inside Arabic text
    const ref = `\u2066M-${mandateId.slice(0, 8).toUpperCase()}\u2069`;
    const fromHimFor = (lang: 'ar' | 'fr') =>
      mt(lang, 'mandate.onBehalf', { actor: BROTHER_NAME, person: 'Fatima El Hassani', ref });

    // her brother follows the invitation's link, accepts, and answers the body's question for her
    const him = await newPage(portal.browser, portal.base, 'ar', 'phone');
    await signInWithPassword(him.page, 'ar', BROTHER);
    await him.page.waitForURL((u) => !u.pathname.startsWith('/signin'));
    await him.page.goto(`/mandates/${mandateId}/accept`);
    await him.page.getByRole('button', { name: mt('ar', 'mandate.accept') }).click();
    await him.page.getByText(mt('ar', 'mandate.acceptPage.done')).waitFor();
    expect(await him.page.locator('html').getAttribute('dir')).toBe('rtl');
    await expectNoAxeViolations(him.page, 'mandate accept ar');
    await screenshot(him.page, 'ar-phone-mandate-accept');
    await him.page.getByRole('link', { name: mt('ar', 'mandate.openCase') }).click();
    await him.page.locator('#under-mandate').waitFor();
    expect(await him.page.locator('#under-mandate').textContent()).toContain('Fatima El Hassani');
    await him.page.getByLabel(tr('ar', 'case.asked.reply')).fill('وُلدت في آيت ملول.');
    await him.page.getByRole('button', { name: tr('ar', 'case.asked.send') }).click();
    await him.page.getByText(fromHimFor('ar')).waitFor();
    await expectNoAxeViolations(him.page, 'case under mandate ar');
    await screenshot(him.page, 'ar-phone-mandate-answered');

    // the commune's clerk checks the procuration paper and marks the mandate verified
    const clerk = await staffPage(portal, 'fr', 'chef@aml.demo');
    await clerk.page.goto(`/staff/cases/${id}`);
    const onCase = clerk.page.getByRole('region', { name: mt('fr', 'mandate.staff.title') });
    await onCase.getByText(mt('fr', 'mandate.unverified')).waitFor();
    expect(await clerk.page.getByText(fromHimFor('fr')).count()).toBe(1);
    await onCase.getByRole('button', { name: mt('fr', 'mandate.staff.verify') }).click();
    const check = clerk.page.getByRole('alertdialog');
    await check.getByRole('button', { name: mt('fr', 'mandate.staff.verify') }).click();
    await onCase.getByText(mt('fr', 'mandate.verified', { by: 'Mohamed Akhannouch' })).waitFor();
    await expectNoAxeViolations(clerk.page, 'staff case mandates fr');
    await screenshot(clerk.page, 'fr-desktop-staff-mandate-verified');
    expect(clerk.errors).toEqual([]);
    await clerk.context.close();

    // she sees who acted, for her, under which mandate
    await her.page.goto(`/cases/${id}`);
    await her.page.getByText(fromHimFor('fr')).waitFor();
    await expectNoAxeViolations(her.page, 'case seen by the person fr');
    await screenshot(her.page, 'fr-desktop-mandate-who-acted');

    // she revokes; he loses the case at once
    await her.page.goto('/mandates');
    await her.page.getByRole('button', { name: mt('fr', 'mandate.revoke') }).click();
    const dialog = her.page.getByRole('alertdialog');
    await dialog.getByText(mt('fr', 'mandate.revokeConfirm.message', { who: BROTHER_NAME })).waitFor();
    await expectNoAxeViolations(her.page, 'revoke dialog fr');
    await dialog.getByRole('button', { name: mt('fr', 'mandate.revoke') }).click();
    await her.page.getByText(mt('fr', 'mandate.revoked')).waitFor();
    await given.getByText(mt('fr', 'mandate.status.revoked')).waitFor();
    await screenshot(her.page, 'fr-desktop-mandate-revoked');

    expect((await him.page.request.get(`/api/cases/${id}`)).status()).toBe(404);
    await him.page.goto('/cases');
    await him.page.getByRole('heading', { level: 1 }).waitFor();
    expect(await him.page.getByText(mt('ar', 'mandate.cases.title')).count()).toBe(0);
    await screenshot(him.page, 'ar-phone-mandate-gone');
    expect(her.errors).toEqual([]);
    expect(him.errors).toEqual([]);
    await her.context.close();
    await him.context.close();
  });
});
