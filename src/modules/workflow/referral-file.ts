/**
 * The referral file: everything the Mediator of the Kingdom or the national complaints portal needs to take
 * up a case the body and the overseer left unanswered, made for the person who filed it. The same content
 * as JSON (for a system) and as a PDF (to attach to a complaint), the PDF issued with a verification code
 * and signature like every paper of the platform.
 */

import { asc, eq } from 'drizzle-orm';
import { formatDate } from '../../i18n/format.js';
import { type Lang, type MessageKey, t } from '../../i18n/index.js';
import { type Names, nameIn } from '../../i18n/names.js';
import { fail } from '../../server/problems.js';
import { nowOf, type ServiceContext } from '../../server/service-context.js';
import { getCitizenProfile } from '../accounts/service.js';
import { isOwnCase } from '../cases/policy.js';
import { issueTwoLanguagePaper } from '../cases/receipt.js';
import { attachments } from '../cases/schema.js';
import { caseStory, getReadableCase } from '../cases/service.js';
import { categoryFor } from '../catalog/institution-settings.js';
import { getInstitution } from '../institutions/service.js';
import { issuedDocuments } from '../verification/schema.js';
import { ladderOf } from './citizen-escalation.js';

const named = (x: Names, lang: Lang) => nameIn(lang, x);

/** Where the referral may be sent, with how (the same for every case). */
export const referralAddressees = [
  { name: 'Institution du Médiateur du Royaume — مؤسسة وسيط المملكة', url: 'https://www.mediateur.ma' },
  { name: 'Portail national des plaintes — البوابة الوطنية للشكايات', url: 'https://www.chikaya.ma' },
];

/**
 * The referral's content, for the person who filed the case (or a reader of it: its staff, its overseers)
 * once the case went up to the overseer and the file was asked for.
 */
export async function referralData(ctx: ServiceContext, caseId: string) {
  const { c, scope } = await getReadableCase(ctx, caseId);
  // a relative under a mandate has no part in the person's own recourse
  if (scope.mandate && !isOwnCase(ctx.actor, scope)) throw fail('forbidden');
  if (c.anonymisedAt) throw fail('case-anonymised');
  const now = nowOf(ctx);
  const ladder = await ladderOf(ctx.db, c, now);
  if (!ladder.referralReady) throw fail('referral-not-ready');
  const [institution, category, profile, { timeline, hops }, papers, issued] = await Promise.all([
    getInstitution(ctx.db, c.institutionId),
    categoryFor(ctx.db, c.institutionId, c.categoryId),
    getCitizenProfile(ctx.db, c.requesterId),
    caseStory(ctx.db, c, false, now),
    ctx.db.select().from(attachments).where(eq(attachments.caseId, c.id)).orderBy(asc(attachments.createdAt)),
    ctx.db
      .select()
      .from(issuedDocuments)
      .where(eq(issuedDocuments.caseId, c.id))
      .orderBy(asc(issuedDocuments.issuedAt)),
  ]);
  const name =
    [profile?.givenNameLatin, profile?.familyNameLatin].filter(Boolean).join(' ') ||
    [profile?.givenNameAr, profile?.familyNameAr].filter(Boolean).join(' ') ||
    '—';
  return {
    format: 'jisr-referral/1' as const,
    generatedAt: now.toISOString(),
    addressedTo: referralAddressees,
    requester: {
      name,
      nameAr: [profile?.givenNameAr, profile?.familyNameAr].filter(Boolean).join(' ') || null,
      countryOfResidence: profile?.countryOfResidence ?? null,
    },
    case: {
      trackingNumber: c.trackingNumber,
      institution: { code: institution!.code, ...pickNames(institution!) },
      category: category ? { code: category.code, ...pickNames(category) } : null,
      kind: c.kind,
      subject: c.subject,
      description: c.description,
      filedAt: c.createdAt.toISOString(),
      dueAt: c.dueAt.toISOString(),
      state: c.state,
      closedAt: c.closedAt?.toISOString() ?? null,
    },
    hops: hops.map((h) => ({
      institution: pickNames(h.institution),
      department: h.department ? pickNames(h.department) : null,
      from: h.from,
      until: h.until,
      workingDays: h.workingDays,
      move: h.move,
      reason: h.reason,
    })),
    history: timeline.map((e) => ({
      at: e.at,
      type: e.type,
      by: e.actor?.kind ?? null,
      text: e.reason,
      ...(e.data.parts ? { parts: e.data.parts } : {}),
    })),
    escalations: ladder.steps.map((s) => ({
      level: s.level,
      grounds: s.grounds,
      at: s.at.toISOString(),
      statement: s.statement,
    })),
    papers: papers.map((p) => ({
      name: p.originalName,
      mediaType: p.mediaType,
      size: p.size,
      sha256: p.sha256,
      addedAt: p.createdAt.toISOString(),
    })),
    issuedDocuments: issued.map((d) => ({
      kind: d.kind,
      code: d.code,
      issuedAt: d.issuedAt.toISOString(),
      sha256: d.sha256,
    })),
    caseRow: c,
    institutionRow: institution!,
  };
}

const pickNames = (x: Names): Names => ({ nameAr: x.nameAr, nameFr: x.nameFr, nameEn: x.nameEn });

export type Referral = Awaited<ReturnType<typeof referralData>>;

/** The referral as JSON: the data, without the rows it was read from. */
export async function referralJson(ctx: ServiceContext, caseId: string) {
  const { caseRow: _c, institutionRow: _i, ...data } = await referralData(ctx, caseId);
  return data;
}

const tk = (lang: Lang, key: string, params: Record<string, string | number> = {}) =>
  t(lang, key as MessageKey, params);

/** The referral's text in one language: headings (`## `) and lines, for the letter renderer. */
export function referralBody(r: Omit<Referral, 'caseRow' | 'institutionRow'>, lang: Lang): string {
  const date = (iso: string) => formatDate(new Date(iso), lang);
  const inst = named(r.case.institution, lang);
  const lines: string[] = [];
  const section = (key: string, body: string[]) => {
    lines.push(`## ${tk(lang, key)}`, ...(body.length ? body : [tk(lang, 'referral.none')]));
  };
  lines.push(
    tk(lang, 'referral.intro', {
      name: r.requester.name,
      tracking: r.case.trackingNumber,
      institution: inst,
      filed: date(r.case.filedAt),
    }),
  );
  section('referral.to', [
    tk(lang, 'referral.to.mediator'),
    tk(lang, 'referral.to.portal'),
    tk(lang, 'referral.how'),
  ]);
  section('referral.section.case', [
    tk(lang, 'referral.field.tracking', { value: r.case.trackingNumber }),
    tk(lang, 'referral.field.institution', { value: inst }),
    tk(lang, 'referral.field.subject', { value: r.case.subject }),
    tk(lang, 'referral.field.filed', { value: date(r.case.filedAt) }),
    tk(lang, 'referral.field.due', { value: date(r.case.dueAt) }),
    tk(lang, 'referral.field.state', { value: tk(lang, `referral.state.${r.case.state}`) }),
    tk(lang, 'referral.field.description', { value: r.case.description }),
  ]);
  section(
    'referral.section.hops',
    r.hops.map((h) =>
      tk(lang, 'referral.hop', {
        from: date(h.from),
        until: h.until ? date(h.until) : tk(lang, 'referral.hop.now'),
        holder: [named(h.institution, lang), h.department ? named(h.department, lang) : null]
          .filter(Boolean)
          .join(' — '),
        days: h.workingDays,
      }),
    ),
  );
  section(
    'referral.section.history',
    r.history.map((e) => {
      const label = tk(lang, `referral.event.${e.type}`);
      const head = `${date(e.at)} — ${label.startsWith('referral.') ? e.type : label}`;
      return e.text ? `${head}: ${e.text}` : head;
    }),
  );
  section(
    'referral.section.escalations',
    r.escalations.map(
      (s) =>
        `${date(s.at)} — ${tk(lang, `referral.level.${s.level}`)} (${tk(lang, `referral.grounds.${s.grounds}`)})${s.statement ? `: ${s.statement}` : ''}`,
    ),
  );
  section(
    'referral.section.papers',
    r.papers.map((p) => `${p.name} — ${date(p.addedAt)} — sha256 ${p.sha256}`),
  );
  section(
    'referral.section.documents',
    r.issuedDocuments.map((d) => `${d.code} — ${date(d.issuedAt)} — sha256 ${d.sha256}`),
  );
  return lines.join('\n');
}

/** The referral as a PDF: one part in Arabic and one in French, issued with its verification code. */
export async function referralPdf(ctx: ServiceContext, caseId: string): Promise<Buffer> {
  const { caseRow: c, institutionRow: inst, ...r } = await referralData(ctx, caseId);
  const page = (lang: Lang) => ({
    institution: inst,
    language: lang,
    reference: c.trackingNumber,
    date: new Date(r.generatedAt),
    recipientName: tk(lang, 'referral.title'),
    address: null,
    subject: tk(lang, 'referral.subject', {
      tracking: c.trackingNumber,
      institution: named(inst, lang),
    }),
    body: referralBody(r, lang),
    trackingUrl: null,
    signatory: r.requester.name,
  });
  return issueTwoLanguagePaper(ctx, 'referral', c, page);
}
