/** The texts of one area of the web app: English is the reference, French and Arabic must have the same keys. */
export function defineWebMessages<const E extends Record<string, string>>(m: {
  en: E;
  fr: Record<keyof E, string>;
  ar: Record<keyof E, string> & Record<string, string>;
}) {
  return m;
}
