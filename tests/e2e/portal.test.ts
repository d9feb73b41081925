import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { notifications } from '../../src/modules/notifications/schema.js';
import { en } from '../../src/web/locales/en.js';
import { samples, signedIn } from '../support/platform.js';
import { actionBody } from '../support/reply.js';
import { expectNoAxeViolations, filePortal, lastCode, newPage, screenshot, tr } from './support.js';

const portal = filePortal();
let axeChecks = 0;
afterAll(() => {
  console.log(`axe: ${axeChecks} page scans, 0 violations`);
});

describe.each(['ar', 'fr'] as const)('citizen portal in %s', (lang) => {
  const email = `e2e-${lang}@example.fr`;
  const state: { caseId?: string; tracking?: string; code?: string } = {};

  it('1. arrives, switches language and back (remembered), and picks the body by searching its commune', async () => {
    const { page, context, errors } = await newPage(portal.browser, portal.base, lang);
    await page.goto('/');
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
    await page.getByRole('heading', { level: 1, name: tr(lang, 'home.title') }).waitFor();
    axeChecks += Number((await expectNoAxeViolations(page, `home ${lang}`)) > 0);
    if (lang === 'ar') await screenshot(page, 'ar-phone-home');

    // switch to English, reload: English is remembered; then back
    await page.getByLabel(tr(lang, 'nav.language')).selectOption('en');
    await page.getByRole('heading', { level: 1, name: en['home.title'] }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: en['home.title'] }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByLabel(en['nav.language']).selectOption(lang);
    await page.getByRole('heading', { level: 1, name: tr(lang, 'home.title') }).waitFor();

    await page.getByLabel(tr(lang, 'home.pick.label')).fill(lang === 'ar' ? 'أيت ملول' : 'ait melloul');
    const commune = page.getByRole('button', { name: lang === 'ar' ? /^آيت ملول/ : /^Ait Melloul/ });
    await commune.click();
    await page
      .getByRole('heading', {
        name: tr(lang, 'home.pick.bodies', { place: lang === 'ar' ? 'آيت ملول' : 'Ait Melloul' }),
      })
      .waitFor();
    axeChecks += Number((await expectNoAxeViolations(page, `home picked ${lang}`)) > 0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('2. reads the guide of a document before filing', async () => {
    const { page, context } = await newPage(portal.browser, portal.base, lang);
    await page.goto('/guides');
    await page.getByRole('heading', { level: 1, name: tr(lang, 'guides.title') }).waitFor();
    axeChecks += Number((await expectNoAxeViolations(page, `guides ${lang}`)) > 0);
    // the search knows the names people use, in either script: « عقد الازدياد » is the birth certificate
    const search = page.getByLabel(tr(lang, 'guides.search'));
    await search.fill(lang === 'ar' ? 'عقد الازدياد' : 'acte de naissance');
    const results = page.locator('#guide-results a');
    await expect
      .poll(() => results.allTextContents())
      .toContain(lang === 'ar' ? 'نسخة موجزة من رسم الولادة' : "Extrait d'acte de naissance");
    expect(await results.count()).toBeLessThan(5);
    await search.fill('zzzz');
    await page.getByText(tr(lang, 'guides.none', { query: 'zzzz' })).waitFor();
    await search.fill(lang === 'ar' ? 'الولادة' : 'naissance');
    await page
      .getByRole('link', {
        name: lang === 'ar' ? 'نسخة موجزة من رسم الولادة' : "Extrait d'acte de naissance",
      })
      .click();
    await page.getByText(tr(lang, 'guide.papers'), { exact: true }).waitFor();
    // the window's title names the page
    await expect
      .poll(() => page.title())
      .toBe(
        `${lang === 'ar' ? 'نسخة موجزة من رسم الولادة' : "Extrait d'acte de naissance"} — ${tr(lang, 'app.name')}`,
      );
    // every line of the guide in the reader's language: papers and who issues it
    const facts = (await page.locator('.facts').textContent())!;
    if (lang === 'ar') {
      await page.getByText('الدفتر العائلي أو كناش التعريف والحالة المدنية').waitFor();
      expect(facts).toContain('مكتب الحالة المدنية');
      expect(facts).not.toMatch(/Livret|Bureau|Copie|BEC of/);
    } else {
      await page.getByText('Livret de famille ou livret d’identité et d’état civil').waitFor();
      expect(facts).toContain('bureau d’état civil');
      expect(facts).not.toMatch(/[\u0600-\u06FF]|holding the birth/);
    }
    await page.getByText(tr(lang, 'guide.feeAmount', { amount: 2 }), { exact: true }).waitFor();
    await page
      .getByText(lang === 'ar' ? 'ثلاثة' : '3 mois')
      .or(page.getByText('3 أشهر'))
      .first()
      .waitFor();
    axeChecks += Number((await expectNoAxeViolations(page, `guide ${lang}`)) > 0);
    if (lang === 'ar') await screenshot(page, 'ar-phone-guide');
    await context.close();
  });

  it('3–4. files a document request from abroad with a paper, signs in by e-mail code, gets the receipt and the e-mail', async () => {
    const { page, context, errors } = await newPage(portal.browser, portal.base, lang);
    await page.goto('/guides/etat-civil-extrait-acte-naissance');
    await page.getByRole('link', { name: tr(lang, 'guide.file') }).click();
    // the guide's document is preselected: we are on the details step
    await page.getByText(tr(lang, 'file.step', { n: 2, total: 5 })).waitFor();
    // trying to go on with nothing filled shows the errors, linked to their fields
    await page.getByRole('button', { name: tr(lang, 'common.next') }).click();
    const subject = page.getByLabel(new RegExp(`^${tr(lang, 'file.subject.label')}`));
    await expect.poll(() => subject.getAttribute('aria-invalid')).toBe('true');
    axeChecks += Number((await expectNoAxeViolations(page, `file details with errors ${lang}`)) > 0);
    if (lang === 'ar') await screenshot(page, 'ar-phone-file-errors');
    await subject.fill(
      lang === 'ar'
        ? 'نسخة موجزة من رسم الولادة لجواز السفر'
        : 'Extrait d’acte de naissance pour mon passeport',
    );
    await page
      .getByLabel(new RegExp(`^${tr(lang, 'file.description.label')}`))
      .fill(
        lang === 'ar'
          ? 'أقيم في ليون بفرنسا وأحتاج نسخة موجزة من رسم ولادتي.'
          : 'J’habite à Lyon et j’ai besoin d’un extrait de mon acte de naissance.',
      );
    await page.locator('#field-person_name').fill(lang === 'ar' ? 'فاطمة الحسني' : 'Fatima El Hassani');
    await page.locator('#field-copies').fill('2');
    await page.getByRole('button', { name: tr(lang, 'common.next') }).click();
    // papers: a real PNG through the file input (the same input the drop zone and buttons feed)
    await page.getByText(tr(lang, 'file.step', { n: 3, total: 5 })).waitFor();
    await page
      .getByTestId('file-input')
      .setInputFiles({ name: 'cin.png', mimeType: 'image/png', buffer: samples.png });
    await page.getByText('cin.png', { exact: true }).waitFor();
    await page
      .getByTestId('file-input')
      .setInputFiles({ name: 'virus.exe', mimeType: 'application/x-msdownload', buffer: samples.exe });
    await page
      .getByRole('alert')
      .getByText(tr(lang, 'file.files.badType', { name: 'virus.exe' }))
      .waitFor();
    if (lang === 'ar') await screenshot(page, 'ar-phone-file-papers');
    await page.getByRole('button', { name: tr(lang, 'common.next') }).click();
    await page.getByLabel(tr(lang, 'channel.whatsapp')).check();
    await page.getByRole('button', { name: tr(lang, 'common.next') }).click();
    // review: not signed in, so confirm the e-mail address with a code
    await page.getByRole('heading', { name: tr(lang, 'file.review.title') }).waitFor();
    axeChecks += Number((await expectNoAxeViolations(page, `file review ${lang}`)) > 0);
    await page.getByLabel(tr(lang, 'signin.email'), { exact: true }).fill(email);
    await page.getByLabel(tr(lang, 'signin.country')).selectOption(lang === 'ar' ? 'FR' : 'BE');
    await page.getByRole('button', { name: tr(lang, 'signin.sendCode') }).click();
    await page.getByText(tr(lang, 'signin.codeSent', { email })).waitFor();
    await page.getByLabel(tr(lang, 'signin.code')).fill(await lastCode(portal.p, email));
    await page.getByRole('button', { name: tr(lang, 'signin.verify') }).click();
    // a first filing: the person has no name yet, and letters must not say "Dear —"
    await page.getByRole('heading', { name: tr(lang, 'file.name.title') }).waitFor();
    expect(await page.getByRole('button', { name: tr(lang, 'file.review.send') }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: tr(lang, 'file.name.save') }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: tr(lang, 'file.name.missing') })
      .waitFor();
    const [given, family] = lang === 'ar' ? ['سعاد', 'الإدريسي'] : ['Souad', 'Idrissi'];
    await page
      .getByLabel(tr(lang, lang === 'ar' ? 'file.name.givenNameAr' : 'file.name.givenNameLatin'))
      .fill(given);
    await page
      .getByLabel(tr(lang, lang === 'ar' ? 'file.name.familyNameAr' : 'file.name.familyNameLatin'), {
        exact: true,
      })
      .fill(family);
    await page.getByRole('button', { name: tr(lang, 'file.name.save') }).click();
    await page.getByRole('heading', { name: tr(lang, 'file.name.title') }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: tr(lang, 'file.review.send') }).click();
    await page.getByRole('heading', { name: tr(lang, 'receipt.title') }).waitFor({ timeout: 20_000 });
    state.tracking = (await page.getByTestId('tracking-number').textContent())!;
    state.code = (await page.getByTestId('access-code').textContent())!;
    state.caseId = page.url().split('/').pop();
    expect(state.tracking).toMatch(/^AML-\d{4}-\d{6}$/);
    expect(state.code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    axeChecks += Number((await expectNoAxeViolations(page, `receipt ${lang}`)) > 0);
    if (lang === 'ar') await screenshot(page, 'ar-phone-receipt');
    // the receipt as the person reads it (the development mailbox stands for their inbox)
    const inbox = (await page.request.get('/api/dev/mailbox')).json() as Promise<{
      items: { to: string; subject: string; text: string; language: string }[];
    }>;
    const receipt = (await inbox).items.find((m) => m.to === email && m.subject.includes(state.tracking!))!;
    expect(receipt.text).toContain(state.code);
    // addressed by the name just given
    expect(receipt.text).toContain(lang === 'ar' ? 'سعاد الإدريسي' : 'Souad Idrissi');
    expect(receipt.language).toBe(lang);
    // the stored copy keeps no secret code
    const stored = await portal.p.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.toAddress, email));
    expect(JSON.stringify(stored)).not.toContain(state.code);
    expect(errors).toEqual([]);
    await context.storageState({ path: `test-output/state-${lang}.json` });
    await context.close();
  }, 120_000);

  it('5. follows the case in "my cases" and on its page; tracks it without an account', async () => {
    const context = await portal.browser.newContext({
      storageState: `test-output/state-${lang}.json`,
      viewport: { width: 360, height: 780 },
      baseURL: portal.base,
    });
    const page = await context.newPage();
    await page.goto('/cases');
    await page.getByRole('heading', { level: 1, name: tr(lang, 'cases.title') }).waitFor();
    await page.getByText(state.tracking!).waitFor();
    axeChecks += Number((await expectNoAxeViolations(page, `my cases ${lang}`)) > 0);
    if (lang === 'ar') await screenshot(page, 'ar-phone-my-cases');
    await page.getByText(state.tracking!).click();
    await page.getByRole('heading', { name: tr(lang, 'case.timeline') }).waitFor();
    await page.getByText(tr(lang, 'event.submitted')).waitFor();
    await page.getByRole('link', { name: 'cin.png' }).waitFor();
    axeChecks += Number((await expectNoAxeViolations(page, `case ${lang}`)) > 0);
    await context.close();

    const anon = await newPage(portal.browser, portal.base, lang);
    await anon.page.goto('/track');
    await anon.page.getByLabel(tr(lang, 'track.number')).fill(state.tracking!.toLowerCase());
    await anon.page.getByLabel(tr(lang, 'track.code')).fill('WRONG-CODE2');
    await anon.page.getByRole('button', { name: tr(lang, 'track.submit') }).click();
    await anon.page.getByRole('alert').waitFor();
    await anon.page.getByLabel(tr(lang, 'track.code')).fill(state.code!);
    await anon.page.getByRole('button', { name: tr(lang, 'track.submit') }).click();
    await anon.page.getByText(tr(lang, 'event.submitted')).waitFor();
    axeChecks += Number((await expectNoAxeViolations(anon.page, `track ${lang}`)) > 0);
    if (lang === 'ar') await screenshot(anon.page, 'ar-phone-track');
    await anon.context.close();
  }, 60_000);

  it('6–7. answers the body’s question with a paper, reads the reasoned reply, rates it, and may appeal', async () => {
    const agent = await signedIn(portal.p.app, 'etatcivil@aml.demo');
    const chief = await signedIn(portal.p.app, 'chef@aml.demo');
    const act = async (c: typeof agent, action: string, reason?: string) => {
      const v = (await c.get(`/api/cases/${state.caseId}`)).json().version;
      const res = await c.post(`/api/cases/${state.caseId}/actions`, actionBody(action, v, reason));
      expect(res.statusCode, res.body).toBe(200);
    };
    const question =
      lang === 'ar'
        ? 'المرجو إرسال نسخة من الدفتر العائلي.'
        : 'Merci d’envoyer une copie du livret de famille.';
    await act(agent, 'acknowledge');
    await act(agent, 'start');
    await act(agent, 'request_info', question);

    const context = await portal.browser.newContext({
      storageState: `test-output/state-${lang}.json`,
      viewport: { width: 360, height: 780 },
      baseURL: portal.base,
    });
    const page = await context.newPage();
    await page.goto(`/cases/${state.caseId}`);
    await page.getByRole('heading', { name: tr(lang, 'case.asked.title') }).waitFor();
    await page.getByText(question).first().waitFor();
    axeChecks += Number((await expectNoAxeViolations(page, `asked ${lang}`)) > 0);
    if (lang === 'ar') await screenshot(page, 'ar-phone-asked');
    // who read the file: the staff who handled it, by role and body, never by name (law 09-08)
    const reads = page.locator('section[aria-labelledby="access-title"]');
    await reads.getByRole('heading', { name: tr(lang, 'case.accesses.title') }).waitFor();
    const opened = reads.locator('li').filter({ hasText: tr(lang, 'case.accesses.what.case.view') });
    await opened.first().waitFor();
    expect(await opened.first().textContent()).toContain(
      lang === 'ar' ? 'جماعة آيت ملول' : 'Commune d’Aït Melloul',
    );
    if (lang === 'ar') await screenshot(page, 'ar-phone-case-accesses');
    await page
      .getByLabel(tr(lang, 'case.asked.reply'))
      .fill(lang === 'ar' ? 'أرفقت نسخة من الدفتر العائلي.' : 'Voici la copie du livret de famille.');
    await page
      .getByTestId('file-input')
      .setInputFiles({ name: 'livret.pdf', mimeType: 'application/pdf', buffer: samples.pdf });
    await page.getByRole('button', { name: tr(lang, 'case.asked.send') }).click();
    await page.getByText(tr(lang, 'state.in_progress')).first().waitFor();
    await page.getByRole('link', { name: 'livret.pdf' }).waitFor();

    const replyText =
      lang === 'ar'
        ? 'تم إنجاز النسخة الموجزة وإرسالها إليكم بالبريد المضمون.'
        : 'Votre extrait a été établi et vous est envoyé par courrier recommandé.';
    await act(agent, 'submit_reply', replyText);
    await act(chief, 'approve_reply');
    await page.reload();
    await page.getByRole('heading', { name: tr(lang, 'case.reply.title') }).waitFor();
    await page.getByText(replyText).waitFor();
    await page.locator('input[name="score"][value="4"]').check();
    await page.getByRole('button', { name: tr(lang, 'case.rate.send') }).click();
    await page.getByText(tr(lang, 'case.rate.thanks', { score: 4 })).waitFor();
    await page.getByRole('heading', { name: tr(lang, 'case.reopen.title') }).waitFor();
    axeChecks += Number((await expectNoAxeViolations(page, `answered ${lang}`)) > 0);
    if (lang === 'ar') await screenshot(page, 'ar-phone-answered');
    await context.close();
  }, 90_000);

  it('8. corrects the profile (with a clear error first), creates a password, downloads the data', async () => {
    const context = await portal.browser.newContext({
      storageState: `test-output/state-${lang}.json`,
      viewport: { width: 360, height: 780 },
      baseURL: portal.base,
    });
    const page = await context.newPage();
    await page.goto('/me');
    await page.getByRole('heading', { level: 1, name: tr(lang, 'profile.title') }).waitFor();
    await page.getByLabel(tr(lang, 'profile.phone')).fill('+33 12');
    await page
      .getByRole('button', { name: tr(lang, 'common.save') })
      .first()
      .click();
    const phone = page.getByLabel(tr(lang, 'profile.phone'));
    await expect.poll(() => phone.getAttribute('aria-invalid')).toBe('true');
    axeChecks += Number((await expectNoAxeViolations(page, `profile with error ${lang}`)) > 0);
    await phone.fill('+33 6 12 34 56 78');
    await page.getByLabel(tr(lang, 'profile.givenNameAr')).fill('فاطمة');
    await page
      .getByRole('button', { name: tr(lang, 'common.save') })
      .first()
      .click();
    await page.getByText(tr(lang, 'profile.saved')).waitFor();
    await page.getByLabel(tr(lang, 'profile.password.label')).fill('un secret assez long');
    await page
      .getByRole('button', { name: tr(lang, 'common.save') })
      .nth(1)
      .click();
    await page.getByText(tr(lang, 'profile.password.saved')).waitFor();
    // reply channels for all my cases, changed at any time
    const channels = page.getByRole('group', { name: tr(lang, 'file.channels.label') });
    await channels.getByLabel(tr(lang, 'channel.whatsapp')).check();
    await page
      .getByRole('region', { name: tr(lang, 'profile.channels.title') })
      .getByRole('button', { name: tr(lang, 'common.save') })
      .click();
    await page.getByText(tr(lang, 'profile.channels.saved')).waitFor();
    await expectNoAxeViolations(page, `profile ${lang}`);
    if (lang === 'ar') await screenshot(page, 'ar-phone-profile');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: tr(lang, 'profile.data.export') }).click();
    const file = await (await download).path();
    const data = JSON.parse(await import('node:fs/promises').then((fs) => fs.readFile(file, 'utf8')));
    expect(data.profile.phone).toBe('+33612345678');
    expect(data.cases[0].trackingNumber).toBe(state.tracking);
    const prefs = await portal.p.app.inject({
      url: '/api/me/notification-preferences',
      headers: { cookie: (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ') },
    });
    expect(prefs.json().channels).toContain('whatsapp');
    await context.close();
    // the new password works
    const again = await portal.p.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: 'un secret assez long' },
    });
    expect(again.statusCode).toBe(200);
  }, 60_000);
});

describe('served small', () => {
  it('sends the app’s scripts and styles brotli- or gzip-compressed to browsers that accept it, the same bytes once decoded', async () => {
    const html = await (await fetch(`${portal.base}/`)).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(2);
    const get = (url: string, encoding: string) =>
      new Promise<{ encoding: string | undefined; body: Buffer; type: string | undefined }>(
        (resolve, reject) => {
          // node's own client: fetch would decode the body before we could weigh it
          http
            .get(`${portal.base}${url}`, { headers: { 'accept-encoding': encoding } }, (res) => {
              const parts: Buffer[] = [];
              res.on('data', (c: Buffer) => parts.push(c));
              res.on('end', () =>
                resolve({
                  encoding: res.headers['content-encoding'],
                  body: Buffer.concat(parts),
                  type: res.headers['content-type'],
                }),
              );
            })
            .on('error', reject);
        },
      );
    let raw = 0;
    let brotli = 0;
    for (const url of assets) {
      const plain = await get(url, 'identity');
      expect(plain.encoding).toBeUndefined();
      const br = await get(url, 'br, gzip');
      const gz = await get(url, 'gzip');
      if (plain.body.length < 1024) continue;
      expect(br.encoding, url).toBe('br');
      expect(gz.encoding, url).toBe('gzip');
      expect(br.type).toBe(plain.type);
      expect(brotliDecompressSync(br.body).equals(plain.body), url).toBe(true);
      expect(gunzipSync(gz.body).equals(plain.body), url).toBe(true);
      raw += plain.body.length;
      brotli += br.body.length;
    }
    // what a phone downloads on a first visit is about a quarter of the raw bytes
    expect(brotli).toBeLessThan(raw * 0.4);
    console.log(
      `first load: ${Math.round(raw / 1024)} KiB raw, ${Math.round(brotli / 1024)} KiB with brotli`,
    );
  });

  it('announces in the head of each public page everything its first view runs: the page’s own code, its texts, its data', async () => {
    const aml = (
      (await (await fetch(`${portal.base}/api/institutions`)).json()) as {
        items: { id: string; code: string }[];
      }
    ).items.find((i) => i.code === 'AML')!.id;
    for (const lang of ['fr', 'ar'] as const)
      for (const url of ['/', '/guides/etat-civil-extrait-acte-naissance', `/file/${aml}`, '/track']) {
        const html = await (
          await fetch(`${portal.base}${url}`, { headers: { cookie: `lang=${lang}` } })
        ).text();
        const head = html.slice(0, html.indexOf('</head>'));
        const announced = new Set([...head.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1]!));
        // the first paint names the app in the page's own script: no font of another script is needed
        expect(html).toContain(`<span>${lang === 'ar' ? 'جسر' : 'Jisr'}</span>`);
        const { page, context } = await newPage(portal.browser, portal.base, lang);
        const asked: string[] = [];
        page.on('request', (r) => {
          const path = new URL(r.url()).pathname;
          if (
            /^\/assets\/.+\.js$/.test(path) ||
            /^\/api\/(catalog|categories|institutions$|auth\/session)/.test(path)
          )
            asked.push(path);
        });
        await page.goto(url);
        await page.locator('main h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        expect(asked.length, url).toBeGreaterThan(2);
        expect(
          asked.filter((a) => !announced.has(a)),
          `${lang} ${url}: asked for after the app ran instead of with it`,
        ).toEqual([]);
        await context.close();
      }
  });
});
