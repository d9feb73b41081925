import { describe, expect, it } from 'vitest';
import { signedIn } from '../support/platform.js';
import { rt, writeReply } from './reply.js';
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

describe('the reasoned reply', () => {
  it('a reply without a legal basis cannot be approved; once completed, the citizen reads it under headings', async () => {
    const lang = 'fr';
    const { app } = portal.p;
    const fatima = await signedIn(app, 'fatima@example.fr');
    const bodies = (await fatima.get('/api/institutions')).json().items as { id: string; code: string }[];
    const categories = (await fatima.get('/api/categories')).json().items as { id: string; code: string }[];
    const filed = await fatima.post('/api/cases', {
      institutionId: bodies.find((b) => b.code === 'AML')!.id,
      categoryId: categories.find((c) => c.code === 'complaint-autre')!.id,
      subject: 'Attestation de résidence refusée',
      description: 'Le guichet a refusé ma demande d’attestation sans m’en donner la raison.',
      replyChannels: ['email'],
      language: 'fr',
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const id: string = filed.json().id;
    const chefApi = await signedIn(app, 'chef@aml.demo');
    for (const action of ['acknowledge', 'start']) {
      const version = (await chefApi.get(`/api/cases/${id}`)).json().version;
      expect((await chefApi.post(`/api/cases/${id}/actions`, { action, version })).statusCode).toBe(200);
    }

    // the agent writes the facts, the decision and the way to contest, but no legal basis
    const agent = await staffPage(portal, lang, 'etatcivil@aml.demo');
    await agent.page.goto(`/staff/cases/${id}`);
    await writeReply(agent.page, lang, {
      facts: 'Votre demande du 2 novembre a été refusée au guichet.',
      decision: 'L’attestation vous sera délivrée sur présentation de votre carte consulaire.',
      contest: 'Réclamation auprès de la commune depuis votre espace, ou saisine du Médiateur du Royaume.',
      days: 60,
    });

    // the supervisor sees which part is missing; the approve button stays disabled, with the reason
    const chief = await staffPage(portal, lang, 'chef@aml.demo');
    await chief.page.goto(`/staff/cases/${id}`);
    const check = chief.page.getByRole('region', { name: rt(lang, 'reply.check.title') });
    await check.waitFor();
    const basis = check.getByRole('heading', { name: new RegExp(rt(lang, 'reply.legalBasis')) });
    expect(await basis.textContent()).toContain(rt(lang, 'reply.check.missing'));
    expect(
      await check.getByRole('heading', { name: new RegExp(rt(lang, 'reply.facts')) }).textContent(),
    ).toContain(rt(lang, 'reply.check.present'));
    const approve = check.getByRole('button', { name: tr(lang, 'action.approve_reply') });
    expect(await approve.isDisabled()).toBe(true);
    expect(await check.textContent()).toContain(
      rt(lang, 'reply.check.blocked').replace('{{parts}}', rt(lang, 'reply.legalBasis')),
    );
    await check.scrollIntoViewIfNeeded();
    await expectNoAxeViolations(chief.page, 'reply check, a part missing');
    await screenshot(chief.page, 'fr-desktop-reply-check-missing');
    // the server refuses it too
    const version = (await chefApi.get(`/api/cases/${id}`)).json().version;
    const refused = await chefApi.post(`/api/cases/${id}/actions`, { action: 'approve_reply', version });
    expect(refused.statusCode).toBe(409);
    expect((await chefApi.get(`/api/cases/${id}`)).json().state).toBe('reply_pending_approval');

    // returned, completed with a text of the body's list, approved
    await chief.page.getByRole('button', { name: tr(lang, 'action.return_reply') }).click();
    await chief.page
      .getByRole('textbox', { name: new RegExp(tr(lang, 'staff.ws.reasonFor', { action: '' }).trim()) })
      .fill('Citez le texte applicable.');
    await chief.page.getByRole('button', { name: tr(lang, 'staff.ws.do') }).click();
    await chief.page
      .getByRole('status')
      .filter({ hasText: tr(lang, 'staff.ws.done') })
      .waitFor();
    await agent.page.reload();
    await agent.page.getByRole('button', { name: tr(lang, 'action.submit_reply') }).click();
    const again = agent.page.getByRole('form', { name: rt(lang, 'reply.compose.title') });
    // the returned draft comes back as it was
    expect(await again.getByLabel(rt(lang, 'reply.facts'), { exact: true }).inputValue()).toContain(
      '2 novembre',
    );
    await again.getByRole('checkbox', { name: /Loi n° 55-19, art\. 5/ }).check();
    await expectNoAxeViolations(agent.page, 'reply composer');
    await screenshot(agent.page, 'fr-desktop-reply-composer');
    await again.getByRole('button', { name: rt(lang, 'reply.compose.send') }).click();
    await agent.page
      .getByRole('status')
      .filter({ hasText: tr(lang, 'staff.ws.done') })
      .waitFor();
    await chief.page.reload();
    const ready = chief.page.getByRole('region', { name: rt(lang, 'reply.check.title') });
    await ready.getByRole('button', { name: tr(lang, 'action.approve_reply') }).click();
    await chief.page
      .getByRole('status')
      .filter({ hasText: tr(lang, 'staff.ws.done') })
      .waitFor();

    // the citizen reads the reply part by part, with the text cited
    const citizen = await newPage(portal.browser, portal.base, lang, 'desktop');
    await signInWithPassword(citizen.page, lang, 'fatima@example.fr');
    await citizen.page.waitForURL((u) => !u.pathname.startsWith('/signin'));
    await citizen.page.goto(`/cases/${id}`);
    const reply = citizen.page.getByRole('region', { name: tr(lang, 'case.reply.title') });
    await reply.waitFor();
    for (const heading of ['reply.facts', 'reply.legalBasis', 'reply.decision', 'reply.contest'] as const)
      await reply.getByRole('heading', { name: rt(lang, heading) }).waitFor();
    expect(await reply.textContent()).toContain('Loi n° 55-19, art. 5');
    expect(await reply.textContent()).toContain('Délai : 60 jours');
    await reply.scrollIntoViewIfNeeded();
    await expectNoAxeViolations(citizen.page, 'the citizen’s reasoned reply');
    await screenshot(citizen.page, 'fr-desktop-reasoned-reply');
    // on a phone in Arabic: the headings in Arabic, right to left, the cited text's Arabic title
    const phone = await newPage(portal.browser, portal.base, 'ar', 'phone');
    await signInWithPassword(phone.page, 'ar', 'fatima@example.fr');
    await phone.page.waitForURL((u) => !u.pathname.startsWith('/signin'));
    await phone.page.goto(`/cases/${id}`);
    const rtl = phone.page.getByRole('region', { name: tr('ar', 'case.reply.title') });
    await rtl.getByRole('heading', { name: rt('ar', 'reply.legalBasis') }).waitFor();
    expect(await rtl.textContent()).toContain('القانون رقم 55.19');
    expect(await phone.page.locator('html').getAttribute('dir')).toBe('rtl');
    await rtl.scrollIntoViewIfNeeded();
    await expectNoAxeViolations(phone.page, 'the citizen’s reasoned reply in Arabic');
    await screenshot(phone.page, 'ar-phone-reasoned-reply');
    for (const s of [agent, chief, citizen, phone]) {
      expect(s.errors).toEqual([]);
      await s.context.close();
    }
  });
});
