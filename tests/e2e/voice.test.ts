import { describe, expect, it } from 'vitest';
import {
  expectNoAxeViolations,
  filePortal,
  type L,
  newPage,
  screenshot,
  screenshotOf,
  signInWithPassword,
  staffPage,
  tr,
} from './support.js';

// a microphone that plays a tone, allowed without asking: what a person's voice is here
const portal = filePortal('pglite', { fakeMedia: true });

describe.each([
  ['ar', 'phone', 'khadija@example.be'],
  ['fr', 'desktop', 'youssef@example.es'],
] as const)('a voice message, in %s on a %s', (lang: L, size, email) => {
  it('the citizen records, hears, deletes and records again, then files; the staff play it and transcribe it', async () => {
    const { page, context, errors } = await newPage(portal.browser, portal.base, lang, size);
    await signInWithPassword(page, lang, email);
    await page.waitForURL('**/cases');
    const bodies = (await (await page.request.get('/api/institutions')).json()) as {
      items: { id: string; code: string }[];
    };
    await page.goto(`/file/${bodies.items.find((b) => b.code === 'AML')!.id}`);
    const next = page.getByRole('button', { name: tr(lang, 'common.next') });
    await page.getByLabel(tr(lang, 'kind.complaint')).check();
    await page.getByLabel(tr(lang, 'file.category.label')).selectOption({ index: 1 });
    await next.click();
    await page
      .getByLabel(new RegExp(`^${tr(lang, 'file.subject.label')}`))
      .fill(lang === 'ar' ? 'الإنارة العمومية' : 'Éclairage public');
    await page
      .getByLabel(new RegExp(`^${tr(lang, 'file.description.label')}`))
      .fill(lang === 'ar' ? 'التفاصيل في الرسالة الصوتية.' : 'Les détails sont dans le message vocal.');
    await next.click();
    await page.getByText(tr(lang, 'file.step', { n: 3, total: 5 })).waitFor();

    // the consent line is there before anything is recorded, and the limit is said
    await page.getByText(tr(lang, 'voice.consent')).waitFor();
    const start = page.getByRole('button', { name: tr(lang, 'voice.start') });
    // from the keyboard
    await start.focus();
    await page.keyboard.press('Enter');
    const stop = page.getByRole('button', { name: tr(lang, 'voice.stop') });
    await stop.waitFor();
    await page.getByRole('timer').waitFor();
    await expectNoAxeViolations(page, `recording ${lang}`);
    await screenshot(page, `${lang}-${size}-voice-recording`);
    await page.waitForTimeout(1500);
    await stop.click();
    const take = page.getByLabel(tr(lang, 'voice.listen'));
    await take.waitFor();
    const first = (await page.locator('.files li bdi').allTextContents()).find((n) => n.startsWith('voice-'));
    expect(first, 'the recording is among the papers').toMatch(/^voice-message-\d{8}-\d{4}\.webm$/);
    await expectNoAxeViolations(page, `recorded ${lang}`);
    await screenshot(page, `${lang}-${size}-voice-recorded`);
    // deleted: gone from the papers; recorded again
    await page.getByRole('button', { name: tr(lang, 'voice.delete') }).click();
    await start.waitFor();
    expect(await page.locator('.files li').count()).toBe(0);
    await start.click();
    await page.waitForTimeout(2000);
    await stop.click();
    await take.waitFor();
    await next.click();
    await next.click();
    await page.getByRole('button', { name: tr(lang, 'file.review.send') }).click();
    await page.getByRole('heading', { name: tr(lang, 'receipt.title') }).waitFor({ timeout: 20_000 });
    const caseId = page.url().split('/').pop()!;
    const papers = (await (await page.request.get(`/api/cases/${caseId}/attachments`)).json()) as {
      items: { id: string; mediaType: string; toTranscribe: boolean; size: number }[];
    };
    expect(papers.items).toEqual([expect.objectContaining({ mediaType: 'audio/webm', toTranscribe: true })]);
    expect(papers.items[0]!.size).toBeGreaterThan(1000);
    // the citizen hears it on their case page (the staff's mark is not theirs)
    await page.goto(`/cases/${caseId}`);
    await page.locator('audio').waitFor();
    expect(await page.getByText(tr(lang, 'voice.toTranscribe'), { exact: true }).count()).toBe(0);
    await expectNoAxeViolations(page, `citizen case with voice ${lang}`);
    expect(errors).toEqual([]);
    await context.close();

    // the staff: a player that loads the recording, marked to transcribe; written down, the mark goes
    const staff = await staffPage(portal, lang, 'chef@aml.demo', size);
    await staff.page.goto(`/staff/cases/${caseId}`);
    const player = staff.page.locator('audio');
    await player.waitFor();
    // the recording's metadata loaded through the attachment route, and its real length found (about 2 s)
    await staff.page.waitForFunction(() => {
      const a = document.querySelector('audio');
      return !!a && a.readyState >= 1 && Number.isFinite(a.duration) && a.currentTime === 0;
    });
    const duration = await player.evaluate((a: HTMLAudioElement) => a.duration);
    expect(duration).toBeGreaterThan(0.5);
    expect(duration).toBeLessThan(30);
    const mark = staff.page.getByText(tr(lang, 'voice.toTranscribe'), { exact: true });
    await mark.waitFor();
    await expectNoAxeViolations(staff.page, `staff voice ${lang}`);
    await screenshotOf(player, `${lang}-${size}-staff-voice`);
    await staff.page.getByText(tr(lang, 'voice.transcribe'), { exact: true }).click();
    const said =
      lang === 'ar'
        ? 'الضو مقطوع فالزنقة ديالنا من سيمانة.'
        : 'La rue est sans éclairage depuis une semaine.';
    await staff.page.getByLabel(tr(lang, 'voice.transcriptionLabel')).fill(said);
    await expectNoAxeViolations(staff.page, `staff transcribing ${lang}`);
    await staff.page.getByRole('button', { name: tr(lang, 'voice.save') }).click();
    await staff.page.getByText(tr(lang, 'voice.saved')).waitFor();
    await staff.page.locator('figure.transcription blockquote', { hasText: said }).waitFor();
    expect(await mark.count()).toBe(0);
    await screenshotOf(staff.page.locator('figure.transcription'), `${lang}-${size}-staff-voice-transcribed`);
    expect(staff.errors).toEqual([]);
    await staff.context.close();
  }, 150_000);
});
