/**
 * The demo commune's legal texts, the list its reasoned replies choose from (data, as a body's administrator
 * would enter them), and the parts of the demo's replies.
 */
import type { Executor } from '../db/client.js';
import type { ReplyPartsInput } from '../modules/cases/reply-parts.js';
import { legalBases } from '../modules/catalog/schema.js';
import { getCategoryByCode } from '../modules/catalog/service.js';

/** `category`: a category's code, or null for all of the body's categories. */
export const DEMO_LEGAL_BASES = [
  {
    category: null,
    citation: 'Loi n° 55-19, art. 5',
    titleFr: 'Loi n° 55-19 relative à la simplification des procédures et formalités administratives',
    titleAr: 'القانون رقم 55.19 المتعلق بتبسيط المساطر والإجراءات الإدارية',
    titleEn: 'Law No. 55-19 on the simplification of administrative procedures and formalities',
  },
  {
    category: null,
    citation: 'Loi organique n° 113-14, art. 94',
    titleFr: 'Loi organique n° 113-14 relative aux communes',
    titleAr: 'القانون التنظيمي رقم 113.14 المتعلق بالجماعات',
    titleEn: 'Organic Law No. 113-14 on communes',
  },
  {
    category: 'doc-etat-civil-extrait-acte-naissance',
    citation: 'Loi n° 37-99, art. 22',
    titleFr: 'Loi n° 37-99 relative à l’état civil',
    titleAr: 'القانون رقم 37.99 المتعلق بالحالة المدنية',
    titleEn: 'Law No. 37-99 on civil status',
  },
  {
    category: 'complaint-delai-absence-reponse',
    citation: 'Décret n° 2-17-265, art. 12',
    titleFr:
      'Décret n° 2-17-265 fixant les modalités de réception des observations et propositions des usagers, du suivi et du traitement de leurs réclamations',
    titleAr: 'المرسوم رقم 2.17.265 بتحديد كيفيات تلقي ملاحظات المرتفقين واقتراحاتهم وتتبع ومعالجة شكاياتهم',
    titleEn:
      'Decree No. 2-17-265 on receiving users’ observations and proposals and on following up and handling their complaints',
  },
  {
    category: null,
    citation: 'Loi n° 31-13, art. 4',
    titleFr: 'Loi n° 31-13 relative au droit d’accès à l’information',
    titleAr: 'القانون رقم 31.13 المتعلق بالحق في الحصول على المعلومات',
    titleEn: 'Law No. 31-13 on the right of access to information',
  },
] as const;

/** Enters the demo's legal texts for a body. */
export async function seedLegalBases(tx: Executor, institutionId: string) {
  for (const { category, ...text } of DEMO_LEGAL_BASES) {
    const categoryId = category ? ((await getCategoryByCode(tx, category))?.id ?? null) : null;
    await tx.insert(legalBases).values({ institutionId, categoryId, ...text });
  }
}

/** A demo reply's parts: its words as the decision, the facts and the way to contest in French. */
export function demoReplyParts(decision: string): ReplyPartsInput {
  return {
    facts: 'Votre demande, déposée en ligne depuis l’étranger, a été examinée par le service compétent.',
    legalBasisIds: [],
    legalBasisText: 'Loi n° 55-19 relative à la simplification des procédures et formalités administratives.',
    decision,
    contest: {
      how: 'Vous pouvez adresser une réclamation à la commune depuis votre espace, ou saisir le Médiateur du Royaume.',
      days: 60,
    },
  };
}
