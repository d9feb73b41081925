import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { caseEvents, cases } from '../../src/modules/cases/schema.js';
import { citizenEscalations } from '../../src/modules/workflow/schema.js';
import { currentTime } from '../../src/shared/clock.js';
import { fileComplaintAtAml, signedIn } from '../support/platform.js';
import { expectNoAxeViolations, filePortal, newPage, screenshot, signInWithPassword, tr } from './support.js';

const portal = filePortal();
const DAY = 86_400_000;

describe('a way up for the citizen', () => {
  it('takes an overdue case to the supervisors, the overseer and the referral file, on a phone in Arabic', async () => {
    const { app, database } = portal.p;
    const db = database.db;
    const fatima = await signedIn(app, 'fatima@example.fr');
    const { id, trackingNumber } = await fileComplaintAtAml(fatima, {
      subject: 'Piste coupée depuis l’hiver',
      description: 'La piste qui mène au douar est coupée depuis les pluies de l’hiver dernier.',
      language: 'ar',
    });
    // the body let its deadline pass a week ago
    await db
      .update(cases)
      .set({ dueAt: new Date(currentTime().getTime() - 7 * DAY) })
      .where(eq(cases.id, id));
    // each step waited three weeks without an answer: the next one opens
    const letTimePass = async () => {
      const past = new Date(currentTime().getTime() - 21 * DAY);
      await db.update(citizenEscalations).set({ createdAt: past }).where(eq(citizenEscalations.caseId, id));
      await db.update(caseEvents).set({ createdAt: past }).where(eq(caseEvents.caseId, id));
    };

    const lang = 'ar';
    const { page, context, errors } = await newPage(portal.browser, portal.base, lang, 'phone');
    await signInWithPassword(page, lang, 'fatima@example.fr');
    await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
    await page.goto(`/cases/${id}`);
    const ladder = page.getByRole('region', { name: tr(lang, 'ladder.title') });
    await ladder.waitFor();

    for (const level of [1, 2, 3] as const) {
      const send = tr(lang, `ladder.send.${level}`);
      await ladder
        .getByLabel(tr(lang, 'ladder.statement'))
        .fill(level === 3 ? 'أحيل ملفي على وسيط المملكة.' : 'انقضى الأجل ولم يجبني أحد عن الطريق المقطوعة.');
      if (level === 1) {
        await ladder.scrollIntoViewIfNeeded();
        await expectNoAxeViolations(page, 'the way up, before the first step');
        await screenshot(page, 'ar-phone-ladder-open');
      }
      await ladder.getByRole('button', { name: send }).click();
      const dialog = page.getByRole('alertdialog');
      await dialog.getByRole('button', { name: send }).click();
      await dialog.waitFor({ state: 'detached' });
      // the step is done; the overseer's waits ten working days, the referral file none
      await expect.poll(() => ladder.locator('li.done').count(), { timeout: 10_000 }).toBe(level);
      if (level === 1) {
        expect(await ladder.textContent()).toContain(
          tr(lang, 'ladder.opensOn', { date: '' }).trim().split(' ')[0]!,
        );
        await letTimePass();
        await page.reload();
        await ladder.waitFor();
      }
    }
    // the history tells each step in the person's words
    const history = page.getByRole('region', { name: tr(lang, 'case.timeline') });
    expect(await history.textContent()).toContain('أحيل ملفي على وسيط المملكة.');

    // the referral file, ready to send
    const referral = page.locator('#referral-file');
    await referral.waitFor();
    expect(await referral.textContent()).toContain('www.mediateur.ma');
    const pdfHref = await referral
      .getByRole('link', { name: tr(lang, 'ladder.referral.pdf') })
      .getAttribute('href');
    const pdf = await page.request.get(pdfHref!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const jsonHref = await referral
      .getByRole('link', { name: tr(lang, 'ladder.referral.json') })
      .getAttribute('href');
    const data = await (await page.request.get(jsonHref!)).json();
    expect(data.case.trackingNumber).toBe(trackingNumber);
    expect(data.escalations).toHaveLength(3);

    await referral.scrollIntoViewIfNeeded();
    await expectNoAxeViolations(page, 'the way up, referral file');
    await screenshot(page, 'ar-phone-ladder-referral');
    expect(errors).toEqual([]);
    await context.close();

    // in French on a desktop, the same steps, done
    const fr = await newPage(portal.browser, portal.base, 'fr', 'desktop');
    await signInWithPassword(fr.page, 'fr', 'fatima@example.fr');
    await fr.page.waitForURL((u) => !u.pathname.startsWith('/signin'));
    await fr.page.goto(`/cases/${id}`);
    const frLadder = fr.page.getByRole('region', { name: tr('fr', 'ladder.title') });
    await frLadder.waitFor();
    expect(await frLadder.locator('li.done').count()).toBe(3);
    await fr.page.getByRole('link', { name: tr('fr', 'ladder.referral.pdf') }).waitFor();
    await expectNoAxeViolations(fr.page, 'the way up in French');
    await screenshot(fr.page, 'fr-desktop-ladder-referral');
    expect(fr.errors).toEqual([]);
    await fr.context.close();
  });
});
