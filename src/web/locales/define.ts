import type { Translation } from '../../shared/plurals.js';

/**
 * The texts of one area of the web app: English is the reference, French and Arabic must have the same keys,
 * except plural texts (`key_one`/`key_other` in English), which have the forms of each language's own plural
 * categories (French `_one`/`_many`/`_other`, Arabic `_zero`/`_one`/`_two`/`_few`/`_many`/`_other`).
 * The area files write the same with `Translation<typeof areaEn, 'fr' | 'ar'>`.
 */
export function defineWebMessages<const E extends Record<string, string>>(m: {
  en: E;
  fr: NoInfer<Translation<E, 'fr'>>;
  ar: NoInfer<Translation<E, 'ar'>>;
}) {
  return m;
}
