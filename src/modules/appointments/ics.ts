/**
 * iCalendar (RFC 5545) files for bookings: one VEVENT, times in UTC, a stable UID per booking and a
 * SEQUENCE that grows with every change, so calendars update or remove the event they already hold
 * (iTIP methods REQUEST and CANCEL, RFC 5546). Pure: no I/O.
 */

export type IcsEvent = {
  uid: string;
  sequence: number;
  method: 'REQUEST' | 'CANCEL' | 'PUBLISH';
  start: Date;
  end: Date;
  stamp: Date;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  organizer?: { name: string; email: string };
  attendee?: { name: string; email: string };
  /** Minutes before the start at which the calendar should remind (e.g. 1440 and 60). */
  alarms?: readonly number[];
  /** An all-day event on these local dates (end exclusive), instead of start/end instants. */
  allDay?: { startDate: string; endDate: string };
};

const utc = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
const day = (date: string) => date.replace(/-/g, '');

/** TEXT value escaping (RFC 5545 §3.3.11). */
export function escapeText(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');
}

/** A parameter value (CN=…): quoted, without the characters a quoted value cannot hold. */
const param = (s: string) => `"${s.replace(/["\r\n]/g, ' ')}"`;

/** Folds a content line at 75 octets without splitting a UTF-8 character (RFC 5545 §3.1). */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74; // continuation lines begin with one space
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

export function buildIcs(e: IcsEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Jisr//Appointments//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${e.method}`,
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `SEQUENCE:${e.sequence}`,
    `DTSTAMP:${utc(e.stamp)}`,
    ...(e.allDay
      ? [`DTSTART;VALUE=DATE:${day(e.allDay.startDate)}`, `DTEND;VALUE=DATE:${day(e.allDay.endDate)}`]
      : [`DTSTART:${utc(e.start)}`, `DTEND:${utc(e.end)}`]),
    `SUMMARY:${escapeText(e.summary)}`,
    ...(e.description ? [`DESCRIPTION:${escapeText(e.description)}`] : []),
    ...(e.location ? [`LOCATION:${escapeText(e.location)}`] : []),
    ...(e.url ? [`URL:${e.url}`] : []),
    `STATUS:${e.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    ...(e.organizer ? [`ORGANIZER;CN=${param(e.organizer.name)}:mailto:${e.organizer.email}`] : []),
    ...(e.attendee
      ? [
          `ATTENDEE;CN=${param(e.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:${e.attendee.email}`,
        ]
      : []),
  ];
  if (e.method !== 'CANCEL') {
    for (const minutes of e.alarms ?? []) {
      lines.push(
        'BEGIN:VALARM',
        'ACTION:DISPLAY',
        `DESCRIPTION:${escapeText(e.summary)}`,
        `TRIGGER:-PT${minutes}M`,
        'END:VALARM',
      );
    }
  }
  lines.push('END:VEVENT', 'END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
