import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type Worker } from '../../src/jobs/worker.js';
import { ar } from '../../src/web/locales/ar.js';
import { fr } from '../../src/web/locales/fr.js';
import { DEMO_PASSWORD, signedIn } from '../support/platform.js';
import { expectNoAxeViolations, newPage, type Portal, screenshot, startPortal } from './support.js';

let portal: Portal;
let worker: Worker;
beforeAll(async () => {
  portal = await startPortal();
  worker = startWorker(portal.p.database.db, portal.p.config, { error: () => undefined }, 3_600_000, {
    scheduled: false,
  });
}, 180_000);
afterAll(async () => {
  await worker?.stop();
  await portal?.close();
});

async function staff(lang: 'ar' | 'fr', email: string) {
  const T = lang === 'ar' ? ar : fr;
  const s = await newPage(portal.browser, portal.base, lang, 'desktop');
  await s.page.goto('/signin');
  await s.page.getByLabel(T['signin.email']).fill(email);
  await s.page.getByLabel(T['signin.password']).fill(DEMO_PASSWORD);
  await s.page.getByRole('button', { name: T['signin.submit'] }).click();
  await s.page.waitForURL('**/staff');
  await s.page.goto('/staff/correspondence');
  return { ...s, errors: s.errors };
}

describe('calls and letters', () => {
  it('the agent calls back a citizen who chose phone, and the mail room batches and posts a letter', async () => {
    const c = await signedIn(portal.p.app, 'khadija@example.be');
    const aubm = (await c.get('/api/institutions'))
      .json()
      .items.find((i: { code: string }) => i.code === 'AUBM').id;
    const cat = (await c.get('/api/categories'))
      .json()
      .items.find((x: { code: string }) => x.code === 'information-request').id;
    await c.post('/api/cases', {
      institutionId: aubm,
      categoryId: cat,
      subject: 'Horaires',
      description: 'Appelez-moi pour les horaires du guichet.',
      replyChannels: ['phone', 'post'],
    });
    await worker.tick();

    const { page, context, errors } = await staff('fr', 'accueil@aubm.demo');
    await page.getByRole('heading', { name: fr['staff.mail.calls'] }).waitFor();
    await page.getByRole('link', { name: '+32471234567' }).first().waitFor();
    await expectNoAxeViolations(page, 'correspondence fr');
    await screenshot(page, 'fr-desktop-staff-correspondence');
    const before = await page.getByRole('button', { name: fr['staff.mail.outcome.reached'] }).count();
    await page.getByRole('button', { name: fr['staff.mail.outcome.reached'] }).first().click();
    await expect
      .poll(() => page.getByRole('button', { name: fr['staff.mail.outcome.reached'] }).count())
      .toBe(before - 1);
    // the letter (receipt by post) is waiting; batch it, then mark the batch posted
    await page.getByRole('button', { name: fr['staff.mail.batchNow'] }).click();
    await page.getByRole('link', { name: fr['staff.mail.coverPdf'] }).first().waitFor();
    const pdf = await page.request.get(
      (await page
        .getByRole('link', { name: fr['staff.mail.letterPdf'] })
        .first()
        .getAttribute('href')) as string,
    );
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await page.getByRole('button', { name: fr['staff.mail.markPosted'] }).first().click();
    await page.getByText(fr['staff.mail.posted']).first().waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('the administrator sees the messages that could not be sent, in Arabic, without accessibility violations', async () => {
    const { page, context } = await staff('ar', 'admin@aml.demo');
    await page.getByRole('heading', { name: ar['staff.mail.dead'] }).waitFor();
    await expectNoAxeViolations(page, 'dead letters ar');
    await screenshot(page, 'ar-desktop-staff-dead-letters');
    await context.close();
  }, 60_000);

  it('the administrator rewords a message with a live preview, saves it, and can go back to the platform’s wording', async () => {
    const { page, context } = await staff('fr', 'admin@aml.demo');
    await page.goto('/staff/messages');
    await page.getByRole('heading', { name: fr['staff.msg.title'] }).waitFor();
    await page.getByLabel(fr['staff.msg.channel']).selectOption('sms');
    const body = page.getByLabel(fr['staff.msg.body']);
    await body.fill('Jisr : votre demande {tracking} est bien reçue.');
    await page
      .getByRole('region', { name: fr['staff.msg.preview'] })
      .getByText(/^Jisr : votre demande [A-Z]+-\d{4}-\d{6} est bien reçue\.$/)
      .waitFor();
    await expectNoAxeViolations(page, 'message templates fr');
    await screenshot(page, 'fr-desktop-staff-message-templates');
    await page.getByRole('button', { name: fr['staff.msg.save'] }).click();
    await page.getByText(fr['staff.msg.custom']).waitFor();
    // an unknown placeholder is refused with a clear message
    await body.fill('Bonjour {inconnu}');
    await page.getByRole('button', { name: fr['staff.msg.save'] }).click();
    await page.getByRole('alert').waitFor();
    await page.getByRole('button', { name: fr['staff.msg.reset'] }).click();
    await page.getByText(fr['staff.msg.default']).waitFor();
    await context.close();
  }, 90_000);
});
