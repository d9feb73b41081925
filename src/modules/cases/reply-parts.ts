/**
 * The parts of a reasoned reply: the facts, the legal basis (texts chosen from the body's list, and words of
 * the author's own), the decision, and how and by when the citizen can contest it. Pure functions: which
 * parts are missing, and the reply as plain text under headings in the citizen's language, which the
 * messages, the letter and the search read (see docs/decisions/2026-12-07-reasoned-reply.md).
 */
import { z } from 'zod';
import { type Lang, t } from '../../i18n/index.js';
import { safeText } from '../../server/validation.js';
import type { CitedBasis, ReplyPartName, ReplyParts } from '../../shared/reply-parts.js';

/** The parts as the author sends them; any may still be empty in a draft. */
export const replyPartsInput = z.strictObject({
  facts: safeText(0, 8000).default(''),
  legalBasisIds: z.array(z.uuid()).max(12).default([]),
  legalBasisText: safeText(0, 4000).default(''),
  decision: safeText(0, 8000).default(''),
  contest: z
    .strictObject({
      how: safeText(0, 4000).default(''),
      /** Days the citizen has to contest, from receiving the reply. */
      days: z.number().int().min(1).max(365).nullable().default(null),
    })
    .default({ how: '', days: null }),
});
export type ReplyPartsInput = z.output<typeof replyPartsInput>;

/** The parts as a draft (and the approved reply) keep them, in the event's `data.parts`. */
export type { CitedBasis, ReplyPartName, ReplyParts } from '../../shared/reply-parts.js';
export { missingParts, partsOf } from '../../shared/reply-parts.js';

const titleIn = (b: CitedBasis, lang: Lang) =>
  lang === 'ar' ? b.titleAr : lang === 'fr' ? b.titleFr : b.titleEn;

/** The names of missing parts in a language, for the refusal's message. */
export const partList = (lang: Lang, parts: ReplyPartName[]) =>
  parts.map((p) => t(lang, `reply.part.${p}`)).join(lang === 'ar' ? '، ' : ', ');

/** A heading line: `## ` at the start marks it for the letter, which sets it in bold without the mark. */
export const HEADING = '## ';

/**
 * The reply as plain text in the citizen's language: each part under its heading, the cited texts one a
 * line (citation — title). Parts still empty are left out.
 */
export function composeReply(parts: ReplyParts, lang: Lang): string {
  const basis = [
    ...parts.legalBases.map((b) => `- ${b.citation} — ${titleIn(b, lang)}`),
    ...(parts.legalBasisText.trim() ? [parts.legalBasisText.trim()] : []),
  ].join('\n');
  const contest = [
    parts.contest.how.trim(),
    parts.contest.days ? t(lang, 'reply.contest.days', { count: parts.contest.days }) : '',
  ]
    .filter(Boolean)
    .join('\n');
  const sections: [ReplyPartName, string][] = [
    ['facts', parts.facts.trim()],
    ['legal_basis', basis],
    ['decision', parts.decision.trim()],
    ['contest', contest],
  ];
  return sections
    .filter(([, text]) => text)
    .map(([name, text]) => `${HEADING}${t(lang, `reply.part.${name}`)}\n${text}`)
    .join('\n\n');
}
