/**
 * The XML form of Open311 answers (pure): the same values as the JSON form, each key an element, each list
 * an element holding one element per item named as the specification names it (`<services><service>`,
 * `<service_requests><request>`, `<errors><error>` …). UTF-8, text escaped, characters XML cannot hold
 * dropped; a null is an empty element.
 */

type Value = string | number | boolean | null | undefined | Value[] | { [key: string]: Value };

/** The element of each item of a list, by the list's element. */
const itemElement: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
};

// everything outside XML 1.0's Char production (controls, lone surrogates, U+FFFE/U+FFFF)
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export const escapeXml = (s: string) => s.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);

function element(name: string, value: Value): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = itemElement[name] ?? 'item';
    return `<${name}>${value.map((v) => element(item, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object')
    return `<${name}>${Object.entries(value)
      .map(([k, v]) => element(k, v))
      .join('')}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A whole XML document whose root element is `root`. */
export function xmlDocument(root: string, value: Value): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element(root, value)}\n`;
}
