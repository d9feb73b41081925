import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openStates } from '../../src/modules/cases/state-machine.js';
import { currentMillis } from '../../src/shared/clock.js';
import { ar } from '../../src/web/locales/ar.js';
import type { en } from '../../src/web/locales/en.js';
import { fr } from '../../src/web/locales/fr.js';
import { samples, signedIn } from '../support/platform.js';
import { writeReply } from './reply.js';
import {
  expectNoAxeViolations,
  filePortal,
  type L,
  lastCode,
  newPage,
  screenshot,
  signInWithPassword,
  tr,
} from './support.js';

const portal = filePortal();

async function staffPage(lang: L, email: string) {
  const s = await newPage(portal.browser, portal.base, lang, 'desktop');
  await signInWithPassword(s.page, lang, email);
  await s.page.getByRole('heading', { level: 1 }).filter({ hasText: '' }).first().waitFor();
  await s.page.waitForURL('**/staff');
  return s;
}

/** Chooses a subject in the desk's list, grouped by kind (« Plainte » › « État civil »). */
async function chooseSubject(page: Page, kind: string, name: string) {
  const option = page
    .locator(`optgroup[label="${kind}"] option`)
    .filter({ hasText: new RegExp(`^${name}$`) });
  const list = page.getByLabel(
    new RegExp(`^${tr('fr', 'staff.desk.subjectList')}|^${tr('ar', 'staff.desk.subjectList')}`),
  );
  await list.selectOption((await option.getAttribute('value'))!);
}

async function act(page: Page, lang: L, action: keyof typeof en, text?: string) {
  await page.getByRole('button', { name: tr(lang, action) }).click();
  if (text !== undefined) {
    await page
      .getByRole('textbox', { name: new RegExp(tr(lang, 'staff.ws.reasonFor', { action: '' }).trim()) })
      .fill(text);
    await page.getByRole('button', { name: tr(lang, 'staff.ws.do') }).click();
  }
  await page
    .getByRole('status')
    .filter({ hasText: tr(lang, 'staff.ws.done') })
    .waitFor();
}

describe('back office', () => {
  it('desk intake → transfer → information asked and answered in the portal → reply returned, corrected, approved → received; then an inside referral keeps the number', async () => {
    const lang = 'fr';
    const desk = await staffPage(lang, 'accueil@aml.demo');
    const { page } = desk;
    await expectNoAxeViolations(page, 'queue fr');
    await screenshot(page, 'fr-desktop-staff-queue');
    await page.getByRole('link', { name: tr(lang, 'staff.nav.desk') }).click();
    await page.getByRole('heading', { level: 1, name: tr(lang, 'staff.desk.title') }).waitFor();
    // a visitor who only wanted information: logged without a case
    await page.getByLabel(tr(lang, 'staff.desk.visitor')).fill('Mme Aït Ali');
    await page.getByLabel(tr(lang, 'staff.visits.purpose')).fill('Horaires du bureau MRE en été');
    await page.getByRole('button', { name: tr(lang, 'staff.visits.save'), exact: true }).click();
    await page
      .getByRole('region', { name: tr(lang, 'staff.visits.title') })
      .getByText('Horaires du bureau MRE en été')
      .waitFor();
    // the person is not known yet: register them (with an e-mail so they can answer in the portal)
    await page.getByLabel(tr(lang, 'staff.desk.name')).fill('Hassan Oubella');
    await page.getByRole('button', { name: tr(lang, 'staff.desk.search') }).click();
    await page.getByText(tr(lang, 'staff.desk.noMatch')).waitFor();
    const newPerson = page.getByRole('region', { name: tr(lang, 'staff.desk.new') });
    await newPerson.getByLabel(tr(lang, 'profile.givenNameLatin'), { exact: true }).fill('Hassan');
    await newPerson.getByLabel(tr(lang, 'profile.familyNameLatin'), { exact: true }).fill('Oubella');
    await newPerson.getByLabel(tr(lang, 'profile.givenNameAr'), { exact: true }).fill('حسن');
    await newPerson.getByLabel(tr(lang, 'profile.phone'), { exact: true }).fill('+34 612 00 11 22');
    await newPerson.getByLabel(tr(lang, 'profile.cin'), { exact: true }).fill('LB123987');
    await newPerson.getByLabel(tr(lang, 'profile.birthDate'), { exact: true }).fill('1968-09-30');
    await newPerson.getByLabel(tr(lang, 'staff.desk.email')).fill('hassan@example.es');
    await newPerson.getByLabel(tr(lang, 'profile.country')).selectOption('ES');
    await expectNoAxeViolations(page, 'desk fr');
    await screenshot(page, 'fr-desktop-staff-desk');
    await page.getByRole('button', { name: tr(lang, 'staff.desk.create') }).click();
    await page.getByText(tr(lang, 'staff.desk.chosen', { name: 'Hassan Oubella' })).waitFor();
    await page.getByLabel(tr(lang, 'staff.desk.channel')).selectOption('desk');
    await chooseSubject(page, fr['kind.complaint'], 'État civil');
    await page
      .getByLabel(new RegExp(`^${tr(lang, 'staff.desk.subject')}`))
      .fill('Erreur dans mon acte de naissance');
    await page
      .getByLabel(new RegExp(`^${tr(lang, 'staff.desk.description')}`))
      .fill('Mon prénom est mal orthographié sur l’acte de naissance délivré en 2024.');
    await page.getByLabel(tr(lang, 'channel.email')).check();
    await page.getByRole('button', { name: tr(lang, 'staff.desk.register') }).click();
    await page.getByRole('heading', { name: tr(lang, 'receipt.title') }).waitFor();
    const tracking = (await page.locator('.receipt dd').first().textContent())!;
    expect(tracking).toMatch(/^AML-\d{4}-\d{6}$/);
    await page.getByRole('link', { name: tr(lang, 'receipt.open') }).click();
    await page.getByRole('heading', { name: tr(lang, 'staff.ws.actions') }).waitFor();
    const caseUrl = page.url();
    await act(page, lang, 'action.acknowledge');
    // pass it to civil status, with the reason
    await page.getByRole('button', { name: tr(lang, 'staff.ws.transfer') }).click();
    await page
      .getByLabel(tr(lang, 'staff.ws.transferTo'), { exact: true })
      .selectOption({ label: 'Bureau d’état civil' });
    await page.getByRole('textbox', { name: /Texte pour/ }).fill('Rectification d’acte: état civil');
    await page.getByRole('button', { name: tr(lang, 'staff.ws.do') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: tr(lang, 'staff.ws.done') })
      .waitFor();
    await expectNoAxeViolations(page, 'workspace fr');
    await desk.context.close();

    // the civil status agent asks the citizen for a paper
    const agent = await staffPage(lang, 'etatcivil@aml.demo');
    await agent.page.goto(caseUrl);
    await agent.page.getByRole('heading', { name: tr(lang, 'staff.ws.actions') }).waitFor();
    await act(agent.page, lang, 'action.start');
    await act(agent.page, lang, 'action.request_info', 'Merci de joindre une copie de votre passeport.');
    await screenshot(agent.page, 'fr-desktop-staff-case');

    // the citizen signs in with a code and answers in the portal
    const citizen = await newPage(portal.browser, portal.base, lang);
    await citizen.page.goto('/signin');
    await citizen.page.getByRole('button', { name: tr(lang, 'signin.withCode') }).click();
    await citizen.page.getByLabel(tr(lang, 'signin.email'), { exact: true }).fill('hassan@example.es');
    await citizen.page.getByLabel(tr(lang, 'signin.country')).selectOption('ES');
    await citizen.page.getByRole('button', { name: tr(lang, 'signin.sendCode') }).click();
    await citizen.page
      .getByLabel(tr(lang, 'signin.code'))
      .fill(await lastCode(portal.p, 'hassan@example.es'));
    await citizen.page.getByRole('button', { name: tr(lang, 'signin.verify') }).click();
    await citizen.page.getByText(tracking).click();
    await citizen.page.getByText('Merci de joindre une copie de votre passeport.').first().waitFor();
    await citizen.page
      .getByLabel(tr(lang, 'case.asked.reply'))
      .fill('Voici le numéro de mon passeport: XK123456.');
    await citizen.page.getByRole('button', { name: tr(lang, 'case.asked.send') }).click();
    await citizen.page.getByText(tr(lang, 'state.in_progress')).first().waitFor();

    // draft, returned by the supervisor, corrected, approved
    await agent.page.reload();
    await writeReply(agent.page, lang, { decision: 'Votre acte sera rectifié.' });
    const chief = await staffPage(lang, 'chef@aml.demo');
    await chief.page.goto(caseUrl);
    await chief.page.getByRole('heading', { name: tr(lang, 'staff.ws.actions') }).waitFor();
    await act(chief.page, lang, 'action.return_reply', 'Citez la base légale (loi 37-99) et le délai.');
    await agent.page.reload();
    await agent.page.getByText('Citez la base légale (loi 37-99) et le délai.').waitFor();
    await writeReply(agent.page, lang, {
      facts: 'Votre acte de naissance porte une erreur sur le prénom de votre père.',
      decision:
        'En application de la loi 37-99 relative à l’état civil, votre acte sera rectifié sous 10 jours.',
      contest: 'Réclamation auprès de la commune depuis votre espace.',
      days: 60,
      basis: /Loi n° 55-19/,
    });
    await chief.page.reload();
    await act(chief.page, lang, 'action.approve_reply');

    await citizen.page.reload();
    await citizen.page
      .getByText(
        'En application de la loi 37-99 relative à l’état civil, votre acte sera rectifié sous 10 jours.',
      )
      .waitFor();
    expect(await citizen.page.getByText('Citez la base légale').count()).toBe(0);
    await citizen.context.close();
    await agent.context.close();
    await chief.context.close();

    // an inside referral keeps the tracking number, and the receiving body sees it
    const fatima = await signedIn(portal.p.app, 'fatima@example.fr');
    const inst = (await fatima.get('/api/institutions')).json().items;
    const aml = inst.find((i: { code: string }) => i.code === 'AML');
    const cat = (await fatima.get('/api/categories'))
      .json()
      .items.find((c: { code: string }) => c.code === 'grievance-administratif');
    const made = (
      await fatima.post('/api/cases', {
        institutionId: aml.id,
        categoryId: cat.id,
        subject: 'Pension bloquée depuis deux ans',
        description: 'Mon dossier de pension est bloqué par l’administration depuis 2024.',
        replyChannels: ['email'],
      })
    ).json();
    const sup = await staffPage(lang, 'chef@aml.demo');
    await sup.page.goto(`/staff/cases/${made.id}`);
    await sup.page.getByRole('button', { name: tr(lang, 'staff.ws.refer') }).click();
    await sup.page
      .getByLabel(tr(lang, 'staff.ws.referTo'), { exact: true })
      .selectOption({ label: 'Médiateur du Royaume – délégation régionale Souss-Massa' });
    await sup.page.getByRole('textbox', { name: /Texte pour/ }).fill('Compétence du Médiateur du Royaume.');
    await sup.page.getByRole('button', { name: tr(lang, 'staff.ws.do') }).click();
    await sup.page
      .getByRole('status')
      .filter({ hasText: tr(lang, 'staff.ws.done') })
      .waitFor();
    await sup.context.close();
    const mediator = await staffPage(lang, 'delegue@mediateur.demo');
    await mediator.page.getByText(made.trackingNumber).waitFor();
    await mediator.context.close();
  }, 180_000);

  it('registers a walk-in’s birth-certificate request at the desk: the act’s fields, a sane number of copies, the scanned paper, once', async () => {
    const lang = 'fr';
    const { page, context, errors } = await staffPage(lang, 'accueil@aml.demo');
    await page.goto('/staff/desk');
    await page.getByLabel(tr(lang, 'staff.desk.name')).fill('Khadija Ammari');
    await page.getByRole('button', { name: tr(lang, 'staff.desk.search') }).click();
    await page.getByText(tr(lang, 'staff.desk.noMatch')).waitFor();
    await page.getByLabel(tr(lang, 'profile.givenNameLatin'), { exact: true }).fill('Khadija');
    await page.getByLabel(tr(lang, 'profile.familyNameLatin'), { exact: true }).fill('Ammari');
    await page.getByLabel(tr(lang, 'profile.givenNameAr'), { exact: true }).fill('خديجة');
    await page.getByLabel(tr(lang, 'profile.familyNameAr'), { exact: true }).fill('عماري');
    await page.getByLabel(tr(lang, 'profile.phone')).fill('+32470123456');
    await page.getByLabel(tr(lang, 'profile.country')).selectOption('BE');
    await page.getByRole('button', { name: tr(lang, 'staff.desk.create') }).click();
    await page.getByText(tr(lang, 'staff.desk.chosen', { name: 'Khadija Ammari' })).waitFor();

    // a document request is offered, with the act's own fields
    await chooseSubject(page, fr['kind.document_request'], "Extrait d'acte de naissance");
    await page.getByLabel(new RegExp(`^${tr(lang, 'staff.desk.subject')}`)).fill('Extraits pour la pension');
    await page
      .getByLabel(new RegExp(`^${tr(lang, 'staff.desk.description')}`))
      .fill(
        'La personne demande des extraits de son acte de naissance pour son dossier de pension en Belgique.',
      );
    await page.locator('#field-person_name').fill('Khadija Ammari');
    await page.locator('#field-record_number').fill('412/1961');
    await page.locator('#field-record_year').fill('1961');
    await page.locator('#field-copies').fill('1985');
    await page
      .getByTestId('file-input')
      .setInputFiles({ name: 'cin-scan.png', mimeType: 'image/png', buffer: samples.png });
    await page.getByText('cin-scan.png', { exact: true }).waitFor();
    const count = async () =>
      (
        (await portal.p.database.db.execute(
          sql`select count(*)::int as n from cases where subject = 'Extraits pour la pension'`,
        )) as unknown as { rows: { n: number }[] }
      ).rows[0]!;
    // 1985 copies: refused on the spot, nothing registered
    await page.getByRole('button', { name: tr(lang, 'staff.desk.register') }).click();
    await page.getByText(tr(lang, 'common.between', { min: '1', max: '10' })).waitFor();
    await page
      .getByRole('alert')
      .filter({ hasText: tr(lang, 'staff.desk.incomplete') })
      .waitFor();
    expect((await count()).n).toBe(0);
    await screenshot(page, 'fr-desktop-staff-desk-document');
    await expectNoAxeViolations(page, 'desk document fr');
    await page.locator('#field-copies').fill('2');
    await page.getByRole('button', { name: tr(lang, 'staff.desk.register') }).click();
    await page.getByRole('heading', { name: tr(lang, 'receipt.title') }).waitFor();
    expect((await count()).n).toBe(1);

    // the case holds the fields under their names and the scanned paper
    await page.getByRole('link', { name: tr(lang, 'receipt.open') }).click();
    await page.getByRole('heading', { name: tr(lang, 'staff.ws.actions') }).waitFor();
    const facts = page.locator('.facts');
    await facts.getByText('Nombre de copies').waitFor();
    await facts.getByText('Numéro de l’acte').waitFor();
    expect(await facts.textContent()).not.toContain('record_year');
    await page.getByText('cin-scan.png').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('has no accessibility violation on the staff pages in Arabic', async () => {
    const { page, context } = await staffPage('ar', 'chef@aml.demo');
    await expectNoAxeViolations(page, 'queue ar');
    await screenshot(page, 'ar-desktop-staff-queue');
    await page.locator('.case-list a').first().click();
    await page.getByRole('heading', { name: ar['staff.ws.actions'] }).waitFor();
    await expectNoAxeViolations(page, 'workspace ar');
    await screenshot(page, 'ar-desktop-staff-case');
    await page.goto('/staff/desk');
    await page.getByRole('heading', { level: 1, name: ar['staff.desk.title'] }).waitFor();
    await expectNoAxeViolations(page, 'desk ar');
    await context.close();
  }, 90_000);

  it('the provincial overseer sees the commune in the province’s figures and opens its oldest file read-only', async () => {
    for (const lang of ['fr', 'ar'] as const) {
      const { page, context } = await staffPage(lang, 'province@piam.demo');
      await page.getByRole('link', { name: tr(lang, 'staff.nav.oversight'), exact: true }).click();
      await page.getByRole('heading', { level: 1, name: tr(lang, 'staff.over.title') }).waitFor();
      const row = page.getByRole('row', {
        name: new RegExp(lang === 'fr' ? 'Commune d’Aït Melloul' : 'جماعة آيت ملول'),
      });
      await row.waitFor();
      // the walk-in's request registered above is among the cases the commune received in 90 days; the
      // demo's older files count among the open ones only
      const count = async (where: ReturnType<typeof sql>) => {
        const result = (await portal.p.database.db.execute(
          sql`select count(*)::int as n from cases c join institutions i on i.id = c.institution_id where i.code = 'AML' and ${where}`,
        )) as unknown as { rows: { n: number }[] };
        return result.rows[0]!.n;
      };
      const since = new Date(currentMillis() - 90 * 86_400_000).toISOString();
      expect(Number(await row.getByRole('cell').nth(2).textContent())).toBe(
        await count(sql`c.created_at >= ${since}`),
      );
      expect(Number(await row.getByRole('cell').first().textContent())).toBe(
        await count(
          sql`c.state in (${sql.join(
            openStates.map((x) => sql`${x}`),
            sql`, `,
          )})`,
        ),
      );
      await expectNoAxeViolations(page, `oversight ${lang}`);
      await screenshot(page, `${lang}-desktop-oversight`);
      if (lang === 'fr') {
        await page.locator('.case-list a').first().click();
        await page.getByRole('heading', { name: tr(lang, 'staff.ws.actions') }).waitFor();
        expect(await page.getByRole('button', { name: tr(lang, 'action.acknowledge') }).count()).toBe(0);
      }
      await context.close();
    }
  }, 120_000);
});
