import type { Page } from 'playwright-core';
import { replyAr } from '../../src/web/locales/reply.ar.js';
import type { replyEn } from '../../src/web/locales/reply.en.js';
import { replyFr } from '../../src/web/locales/reply.fr.js';
import { type L, tr } from './support.js';

/** A text of the reasoned reply's area, as the page shows it. */
export const rt = (lang: L, key: keyof typeof replyEn) => (lang === 'ar' ? replyAr : replyFr)[key] as string;

/**
 * Writes a reply in the staff's composer and sends it for approval: the facts, the decision, the way to
 * contest (with its days) and, when given, a legal text ticked from the body's list.
 */
export async function writeReply(
  page: Page,
  lang: L,
  parts: { facts?: string; decision: string; contest?: string; days?: number; basis?: RegExp },
) {
  await page.getByRole('button', { name: tr(lang, 'action.submit_reply') }).click();
  const form = page.getByRole('form', { name: rt(lang, 'reply.compose.title') });
  if (parts.facts !== undefined)
    await form.getByLabel(rt(lang, 'reply.facts'), { exact: true }).fill(parts.facts);
  await form.getByLabel(rt(lang, 'reply.decision'), { exact: true }).fill(parts.decision);
  if (parts.contest !== undefined)
    await form.getByLabel(rt(lang, 'reply.compose.contestHow')).fill(parts.contest);
  if (parts.days !== undefined)
    await form.getByLabel(rt(lang, 'reply.compose.contestDays')).fill(String(parts.days));
  if (parts.basis) await form.getByRole('checkbox', { name: parts.basis }).check();
  await form.getByRole('button', { name: rt(lang, 'reply.compose.send') }).click();
  await page
    .getByRole('status')
    .filter({ hasText: tr(lang, 'staff.ws.done') })
    .waitFor();
}
