import type { Lang } from './index.js';

/** Something named in the platform's three languages (a body, a department, a category). */
export type Names = { nameAr: string; nameFr: string; nameEn: string };

/** Its name in one language. */
export const nameIn = (lang: Lang, n: Names) =>
  lang === 'ar' ? n.nameAr : lang === 'fr' ? n.nameFr : n.nameEn;
