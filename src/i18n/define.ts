import type { Translation } from '../shared/plurals.js';

/**
 * A module's messages: English is the reference; French and Arabic must have exactly the same keys, except
 * that a plural message (`key_one`/`key_other` in English) has the forms of each language's own plural
 * categories (French `_one`/`_many`/`_other`, Arabic `_zero`/`_one`/`_two`/`_few`/`_many`/`_other`).
 */
export function defineMessages<const E extends Record<string, string>>(m: {
  en: E;
  fr: NoInfer<Translation<E, 'fr'>>;
  ar: NoInfer<Translation<E, 'ar'>>;
}) {
  return m;
}
