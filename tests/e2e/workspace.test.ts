import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samples, signedIn } from '../support/platform.js';
import { expectNoAxeViolations, type Portal, screenshot, staffPage, startPortal, tr } from './support.js';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
}, 180_000);
afterAll(() => portal?.close());

async function fileTwice(subject: string) {
  const c = await signedIn(portal.p.app, 'youssef@example.es');
  const cats = (await c.get('/api/categories')).json().items as { code: string; id: string }[];
  const insts = (await c.get('/api/institutions')).json().items as { code: string; id: string }[];
  const made = [];
  for (const s of [subject, `${subject} (bis)`]) {
    const res = await c.post('/api/cases', {
      institutionId: insts.find((i) => i.code === 'AML')!.id,
      categoryId: cats.find((x) => x.code === 'complaint-foncier')!.id,
      subject: s,
      description: 'Le chemin vers la maison familiale est fermé par un mur depuis l’été.',
      replyChannels: ['email'],
      language: 'fr',
    });
    expect(res.statusCode, res.body).toBe(201);
    made.push(res.json() as { id: string; trackingNumber: string });
  }
  return made as [{ id: string; trackingNumber: string }, { id: string; trackingNumber: string }];
}

describe('the case workspace', () => {
  it('a supervisor sees the likely duplicate, merges it, writes to the citizen and adds a scanned paper (fr, desktop)', async () => {
    const lang = 'fr';
    const [first, twin] = await fileTwice('Chemin fermé par un mur');
    const { page, context } = await staffPage(portal, lang, 'chef@aml.demo', 'desktop');
    await page.goto(`/staff/cases/${twin.id}`);
    const related = page.getByRole('region', { name: tr(lang, 'staff.ws.related') });
    await related.getByText(tr(lang, 'staff.ws.likelyDuplicate')).waitFor();
    await expectNoAxeViolations(page, 'workspace with related fr');
    await screenshot(page, 'fr-desktop-staff-workspace-related');

    // A scanned paper, added from the workspace.
    await page.locator('summary', { hasText: tr(lang, 'staff.ws.addPapers') }).click();
    await page.locator('input[type=file]:not([capture])').setInputFiles({
      name: 'courrier-recu.pdf',
      mimeType: 'application/pdf',
      buffer: samples.pdf,
    });
    await page.getByRole('button', { name: tr(lang, 'staff.ws.upload') }).click();
    await page.getByRole('link', { name: 'courrier-recu.pdf' }).waitFor();

    // A message to the citizen.
    await page.getByRole('button', { name: tr(lang, 'staff.ws.message') }).click();
    await page
      .getByRole('textbox', { name: tr(lang, 'staff.ws.message') })
      .fill('Avez-vous une photo du mur ?');
    await page.getByRole('button', { name: tr(lang, 'staff.ws.do') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: tr(lang, 'staff.ws.done') })
      .waitFor();
    await page.getByText('Avez-vous une photo du mur ?').waitFor();

    // Assign it to an agent, who is listed with the number of open cases they hold.
    await page.getByRole('button', { name: tr(lang, 'staff.ws.assign') }).click();
    const who = page.getByLabel(tr(lang, 'staff.ws.assignTo'));
    const option = await who.locator('option', { hasText: 'Nadia Boutaleb' }).getAttribute('value');
    await who.selectOption(option!);
    await page.getByRole('button', { name: tr(lang, 'staff.ws.do') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: tr(lang, 'staff.ws.done') })
      .waitFor();

    // Merge, after confirming in the page's dialog.
    const mergeInto = tr(lang, 'staff.ws.mergeInto', { tracking: first.trackingNumber });
    await related.getByRole('button', { name: mergeInto }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: mergeInto }).click();
    await page.getByText(tr(lang, 'staff.ws.merged', { tracking: first.trackingNumber })).waitFor();
    await page.getByText(`Fusionné avec ${first.trackingNumber}, qui poursuit la même demande.`).waitFor();
    await screenshot(page, 'fr-desktop-staff-workspace-merged');
    await page.goto(`/staff/cases/${first.id}`);
    await page.getByRole('link', { name: 'courrier-recu.pdf' }).waitFor();
    await context.close();
  });

  it('a regional overseer gives an instruction that the citizen never sees (ar, phone)', async () => {
    const lang = 'ar';
    const [one] = await fileTwice('Instruction attendue');
    const { page, context } = await staffPage(portal, lang, 'region@souss.demo', 'phone');
    await page.goto(`/staff/cases/${one.id}`);
    await page.getByRole('button', { name: tr(lang, 'staff.ws.instruction') }).click();
    await page
      .getByRole('textbox', { name: tr(lang, 'staff.ws.instruction') })
      .fill('يرجى الرد على المواطن قبل نهاية الأسبوع.');
    await expectNoAxeViolations(page, 'workspace instruction ar');
    await page.getByRole('button', { name: tr(lang, 'staff.ws.do') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: tr(lang, 'staff.ws.done') })
      .waitFor();
    await page.getByText('يرجى الرد على المواطن قبل نهاية الأسبوع.').waitFor();
    await screenshot(page, 'ar-phone-staff-workspace-instruction');
    // No message, note or merge for an overseer: they read and instruct.
    expect(await page.getByRole('button', { name: tr(lang, 'staff.ws.message') }).count()).toBe(0);
    const citizen = await signedIn(portal.p.app, 'youssef@example.es');
    const seen = (await citizen.get(`/api/cases/${one.id}`)).json();
    expect(seen.timeline.map((e: { type: string }) => e.type)).not.toContain('instruction');
    await context.close();
  });

  for (const lang of ['fr', 'ar'] as const) {
    it(`a supervisor sees the work each person and department holds, and opens one person's queue (${lang})`, async () => {
      const { page, context } = await staffPage(
        portal,
        lang,
        'chef@aml.demo',
        lang === 'ar' ? 'phone' : 'desktop',
      );
      await page.goto('/staff/oversight');
      const board = page.getByRole('region', { name: tr(lang, 'staff.dash.title') });
      await board.getByRole('table', { name: tr(lang, 'staff.dash.byPerson') }).waitFor();
      await board.getByRole('table', { name: tr(lang, 'staff.dash.byDepartment') }).waitFor();
      await expectNoAxeViolations(page, `dashboard ${lang}`);
      await screenshot(page, `${lang}-${lang === 'ar' ? 'phone' : 'desktop'}-staff-dashboard`);
      await board
        .getByRole('table', { name: tr(lang, 'staff.dash.byPerson') })
        .getByRole('link', { name: tr(lang, 'staff.queue.unassigned') })
        .click();
      await page.waitForURL('**/staff?**assignee=none**');
      await page.locator('.case-list li').first().waitFor();
      await context.close();
    });
  }
});
