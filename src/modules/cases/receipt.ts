import { eq } from 'drizzle-orm';
import { formatDate } from '../../i18n/format.js';
import type { Lang } from '../../i18n/index.js';
import { t } from '../../i18n/index.js';
import { fail } from '../../server/problems.js';
import { hmac } from '../accounts/passwords.js';
import { getCitizenProfile } from '../accounts/service.js';
import { getInstitution } from '../institutions/service.js';
import { replyLetter } from '../notifications/letters.js';
import { type LetterData, type LetterOptions, renderLetters } from '../notifications/pdf/letter.js';
import type { DocumentKind } from '../verification/schema.js';
import { issueDocument, issueDocumentWithCode } from '../verification/service.js';
import { isOwnCase } from './policy.js';
import { type CaseRow, caseColumns, cases } from './schema.js';
import { type Ctx, getReadableCase } from './service.js';
import { normalizeAccessCode } from './tracking.js';

/**
 * The receipt as a PDF: one page in Arabic and one in French, each with the tracking number, the secret
 * code (when the person gives it back: only its hash is kept), the due date and a QR code to the tracking page.
 */
export async function receiptPdf(ctx: Ctx, caseId: string, accessCode: string | null): Promise<Buffer> {
  const { c, scope } = await getReadableCase(ctx, caseId);
  const own = isOwnCase(ctx.actor, scope);
  const staff = ctx.actor?.memberships.some((m) => m.institutionId === c.institutionId);
  if (!own && !staff) throw fail('forbidden');
  const code =
    accessCode && hmac(ctx.secret, normalizeAccessCode(accessCode)) === c.accessCodeHash ? accessCode : null;
  const inst = (await getInstitution(ctx.db, c.institutionId))!;
  const profile = await getCitizenProfile(ctx.db, c.requesterId);
  const name =
    [profile?.givenNameLatin, profile?.familyNameLatin].filter(Boolean).join(' ') ||
    [profile?.givenNameAr, profile?.familyNameAr].filter(Boolean).join(' ') ||
    '—';
  const address = profile?.addressAbroad ?? {
    lines: [],
    city: '',
    country: profile?.countryOfResidence ?? 'MA',
  };
  const url = `${ctx.publicUrl ?? ''}/track/${c.trackingNumber}`;
  const page = (lang: Lang) => ({
    institution: inst,
    language: lang,
    reference: c.trackingNumber,
    date: c.createdAt,
    recipientName: name,
    address,
    subject: t(lang, 'mail.receipt.subject', { tracking: c.trackingNumber }),
    body: `${t(lang, 'mail.receipt.body', {
      name,
      institution: lang === 'ar' ? inst.nameAr : lang === 'fr' ? inst.nameFr : inst.nameEn,
      subject: c.subject,
      tracking: c.trackingNumber,
      code: code ?? '—',
      due: formatDate(c.dueAt, lang),
      url,
    })}${legacyLine(c, lang)}`,
    trackingUrl: /^https?:\/\//.test(url) ? url : null,
  });
  return issueTwoLanguagePaper(ctx, 'receipt', c, page);
}

/** Issues a paper of a case laid out as one page in Arabic then one in French, with its verification code. */
export function issueTwoLanguagePaper(
  ctx: Ctx,
  kind: DocumentKind,
  c: { id: string; institutionId: string; trackingNumber: string },
  page: (lang: Lang) => LetterData,
) {
  return issueDocument(ctx, {
    kind,
    caseId: c.id,
    institutionId: c.institutionId,
    trackingNumber: c.trackingNumber,
    render: async (verification) =>
      (await renderLetters([page('ar'), page('fr')], { window: 'left', verification })).pdf,
  });
}

/** For a paper file registered late: when it was registered, and first filed under which reference. */
function legacyLine(c: CaseRow, lang: Lang): string {
  if (!c.originallyFiledAt || !c.legacyReference) return '';
  const line = t(lang, 'mail.receipt.legacy', {
    today: formatDate(c.createdAt, lang),
    filedOn: formatDate(c.originallyFiledAt, lang),
    reference: c.legacyReference,
  });
  return `\n\n${line}`;
}

/**
 * The reply letter of a case the caller may already read (checked by `getReadableCase` or the tracking
 * code): the one posted, or the same composed for download. Refused once the retention period removed its words.
 */
export async function replyLetterPdf(ctx: Ctx, caseId: string, options: LetterOptions): Promise<Buffer> {
  return (await issuedReplyLetter(ctx, caseId, options)).pdf;
}

/**
 * The verification code printed on a case's reply letter, the same whether the person downloads it or the
 * mail room prints it in a batch: the letter is issued (once per content) and its code given back.
 */
export async function replyLetterVerification(ctx: Ctx, caseId: string, options: LetterOptions) {
  return (await issuedReplyLetter(ctx, caseId, options)).printed;
}

async function issuedReplyLetter(ctx: Ctx, caseId: string, options: LetterOptions) {
  const [row] = await ctx.db.select(caseColumns).from(cases).where(eq(cases.id, caseId));
  if (!row) throw fail('not-found');
  // the reply's words went with the rest of the content at the end of the retention period
  if (row.anonymisedAt) throw fail('case-content-removed');
  return issueDocumentWithCode(ctx, {
    kind: 'reply_letter',
    caseId: row.id,
    institutionId: row.institutionId,
    trackingNumber: row.trackingNumber,
    render: async (verification) => {
      const pdf = await replyLetter(ctx.db, row, { ...options, verification }, ctx.publicUrl ?? '');
      if (!pdf) throw fail('reply-none');
      return pdf;
    },
  });
}
