/** A module's messages: English is the reference; French and Arabic must have exactly the same keys. */
export function defineMessages<const E extends Record<string, string>>(m: {
  en: E;
  fr: Record<keyof E, string>;
  ar: Record<keyof E, string>;
}) {
  return m;
}
