/**
 * CSV as spreadsheets read it (RFC 4180, CRLF): a field is quoted when it holds a comma, a quote or a line
 * break, and a text a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
 * return) is made inert with a leading apostrophe. Numbers are written as they are.
 */
export function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  const inert = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert;
}

/** One CSV line, ending with CRLF. */
export const csvLine = (fields: readonly (string | number | null | undefined)[]) =>
  `${fields.map(csvField).join(',')}\r\n`;

/** The byte-order mark that makes spreadsheets read a CSV file as UTF-8 (Arabic names stay readable). */
export const CSV_BOM = '\uFEFF';
