/**
 * A file size in the reader's language and units: « 12 ko », « 1,5 Mo », « 10 ميغابايت », "10 MB". Arabic
 * spells the unit out (the short form « م.ب » is not read). Shared by the server's messages and the web.
 */
export function formatFileSize(bytes: number, lang: string): string {
  const locale = lang === 'ar' ? 'ar-MA-u-nu-latn' : lang === 'fr' ? 'fr-FR' : 'en-GB';
  const mb = bytes >= 1024 * 1024;
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: mb ? 'megabyte' : 'kilobyte',
    unitDisplay: lang === 'ar' ? 'long' : 'short',
    maximumFractionDigits: mb ? 1 : 0,
  }).format(mb ? bytes / (1024 * 1024) : Math.max(1, Math.ceil(bytes / 1024)));
}
