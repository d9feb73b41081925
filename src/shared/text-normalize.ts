/**
 * Folds text for matching names typed in Arabic or Latin script: case, accents, Arabic diacritics,
 * the forms of alef and hamza, ta marbuta, alef maqsura, and the Moroccan gaf (ڭ/گ) all compare equal.
 */
export function foldForSearch(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // Latin accents
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '') // Arabic harakat, dagger alef, tatweel
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي')
    .replace(/[ؤ]/g, 'و')
    .replace(/[ئ]/g, 'ي')
    .replace(/[ڭگ]/g, 'ك')
    .toLowerCase()
    .replace(/[-'’_.,()]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
