import { randomInt } from 'node:crypto';

/** Letters and digits that cannot be confused when read over the phone (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** `AML-2026-000123`: the institution's prefix, the year in Morocco, a sequence per institution and year. */
export function formatTrackingNumber(prefix: string, year: number, sequence: number): string {
  return `${prefix}-${year}-${String(sequence).padStart(6, '0')}`;
}

export const TRACKING_PATTERN = /^[A-Z]{2,8}-\d{4}-\d{6,}$/;

export function normalizeTrackingNumber(input: string): string {
  return input.trim().toUpperCase().replace(/\s+/g, '');
}

/** A secret access code, `XXXXX-XXXXX` (about 50 bits), shown once to the person who filed the case. */
export function newAccessCode(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

export function normalizeAccessCode(input: string): string {
  return input.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

const moroccanYear = new Intl.DateTimeFormat('en', { timeZone: 'Africa/Casablanca', year: 'numeric' });

export function yearInMorocco(now: Date): number {
  return Number(moroccanYear.format(now));
}
