/** Quiet hours and time zones: pure functions. */
import ct from 'countries-and-timezones';
import { parsePhoneNumberFromString } from 'libphonenumber-js';

export type QuietHours = { start: number; end: number } | null;

/** "21:00-08:00" → minutes since midnight; an empty string turns quiet hours off. */
export function parseQuietHours(spec: string): QuietHours {
  const m = /^(\d\d):(\d\d)-(\d\d):(\d\d)$/.exec(spec);
  if (!m) return null;
  const start = Number(m[1]) * 60 + Number(m[2]);
  const end = Number(m[3]) * 60 + Number(m[4]);
  return start === end ? null : { start, end };
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function localMinutes(at: Date, timeZone: string): { minutes: number; seconds: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { minutes: n('hour') * 60 + n('minute'), seconds: n('second') };
}

/**
 * When `at` falls in the quiet hours of the person's time zone, the moment they end; otherwise null.
 * A window may run over midnight (21:00-08:00).
 */
export function quietUntil(at: Date, timeZone: string, quiet: QuietHours): Date | null {
  if (!quiet) return null;
  const { minutes: m, seconds } = localMinutes(at, isTimeZone(timeZone) ? timeZone : 'UTC');
  const { start, end } = quiet;
  const inside = start < end ? m >= start && m < end : m >= start || m < end;
  if (!inside) return null;
  const wait = m < end ? end - m : 24 * 60 - m + end;
  const until = new Date(at.getTime() + wait * 60_000 - seconds * 1000);
  // Across a change of clock (summer time) the local end moves by an hour: check and correct once.
  const check = localMinutes(until, timeZone).minutes;
  const drift = check - end;
  return drift === 0 || Math.abs(drift) > 120 ? until : new Date(until.getTime() - drift * 60_000);
}

/**
 * How long an SMS or WhatsApp message waits for the end of quiet hours: until then, or null to go now.
 * A message with a `sendBy` time waits only if quiet hours end by then; otherwise it goes at once, since
 * waiting would make it useless (a reminder an hour before an appointment, held until the morning).
 * Other channels never wait.
 */
export function quietHold(
  m: { channel: string; timeZone: string | null; sendBy?: Date | null },
  now: Date,
  quiet: QuietHours,
): Date | null {
  if ((m.channel !== 'sms' && m.channel !== 'whatsapp') || !m.timeZone) return null;
  const until = quietUntil(now, m.timeZone, quiet);
  return until && m.sendBy && until > m.sendBy ? null : until;
}

/** Countries with several time zones: the zone where most of their people live (the list is alphabetical). */
const mainZone: Record<string, string> = {
  ES: 'Europe/Madrid',
  PT: 'Europe/Lisbon',
  US: 'America/New_York',
  CA: 'America/Toronto',
  RU: 'Europe/Moscow',
  BR: 'America/Sao_Paulo',
  AU: 'Australia/Sydney',
  MX: 'America/Mexico_City',
  ID: 'Asia/Jakarta',
  CD: 'Africa/Kinshasa',
  KZ: 'Asia/Almaty',
  AR: 'America/Argentina/Buenos_Aires',
  CL: 'America/Santiago',
  DE: 'Europe/Berlin',
  EC: 'America/Guayaquil',
  NZ: 'Pacific/Auckland',
  UA: 'Europe/Kyiv',
};

/**
 * The person's time zone: the one they chose, else the country of their phone number, else of their
 * residence, else Morocco's. A country with several zones gives the one most of its people live in; the
 * person can choose another in their preferences.
 */
export function timeZoneFor(p: {
  chosen?: string | null;
  phone?: string | null;
  country?: string | null;
}): string {
  if (p.chosen && isTimeZone(p.chosen)) return p.chosen;
  const fromPhone = p.phone ? parsePhoneNumberFromString(p.phone)?.country : undefined;
  for (const country of [fromPhone, p.country]) {
    if (!country) continue;
    if (mainZone[country]) return mainZone[country];
    const zones = ct.getCountry(country)?.timezones;
    if (zones?.length) return zones[0]!;
  }
  return 'Africa/Casablanca';
}
