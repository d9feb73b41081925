import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildIcs, foldLine, type IcsEvent } from './ics.js';

function parse(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  const vevent = cal.getFirstSubcomponent('vevent')!;
  return { cal, vevent, event: new ICAL.Event(vevent) };
}

const base: IcsEvent = {
  uid: '6f1c2a9e-1111-4c4c-9999-000000000001@jisr',
  sequence: 0,
  method: 'REQUEST',
  start: new Date('2027-08-10T09:00:00Z'),
  end: new Date('2027-08-10T09:20:00Z'),
  stamp: new Date('2027-07-01T08:00:00Z'),
  summary: 'Rendez-vous AUBM-RDV-2027-00001',
  description: 'Note de renseignements; guichet unique, 2e étage',
  location: 'Agence urbaine de Béni Mellal',
  organizer: { name: 'Agence urbaine de Béni Mellal', email: 'rdv@aubm.example.ma' },
  attendee: { name: 'Khadija Bouzid', email: 'khadija@example.be' },
  alarms: [1440, 60],
};

describe('calendar files', () => {
  it('is read back by a real iCalendar parser: times, texts, method, sequence and alarms', () => {
    const text = buildIcs(base);
    expect(text.endsWith('\r\n')).toBe(true);
    const { cal, vevent, event } = parse(text);
    expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(event.uid).toBe(base.uid);
    expect(event.sequence).toBe(0);
    expect(event.startDate.toJSDate().toISOString()).toBe('2027-08-10T09:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2027-08-10T09:20:00.000Z');
    expect(event.summary).toBe(base.summary);
    expect(event.description).toBe(base.description);
    expect(event.location).toBe(base.location);
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(String(vevent.getFirstPropertyValue('organizer'))).toBe('mailto:rdv@aubm.example.ma');
    const alarms = vevent
      .getAllSubcomponents('valarm')
      .map((a) => (a.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds());
    expect(alarms).toEqual([-86_400, -3600]);
  });

  it('cancels with the same UID, a higher sequence, and no alarm', () => {
    const { cal, vevent, event } = parse(buildIcs({ ...base, method: 'CANCEL', sequence: 2 }));
    expect(cal.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(event.uid).toBe(base.uid);
    expect(event.sequence).toBe(2);
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(vevent.getAllSubcomponents('valarm')).toHaveLength(0);
  });

  it('writes all-day events for open days', () => {
    const { event } = parse(
      buildIcs({ ...base, allDay: { startDate: '2027-08-10', endDate: '2027-08-11' }, method: 'PUBLISH' }),
    );
    expect(event.startDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe('2027-08-10');
  });

  it('keeps any text intact, Arabic included, through escaping and line folding', () => {
    const text = fc.string({
      unit: fc.constantFrom('a', 'é', 'ب', 'ـ', '،', ',', ';', '\\', '\n', ' ', ':', '😀', '"'),
      maxLength: 300,
    });
    fc.assert(
      fc.property(text, text, (summary, description) => {
        fc.pre(summary.trim().length > 0);
        const ics = buildIcs({ ...base, summary, description, location: description || undefined });
        for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
        const { event } = parse(ics);
        expect(event.summary).toBe(summary);
        if (description) expect(event.description).toBe(description);
      }),
      { numRuns: 300 },
    );
  });

  it('folds at 75 octets without splitting a character', () => {
    const long = `SUMMARY:${'موعد مع الوكالة الحضرية لبني ملال '.repeat(6)}`;
    const folded = foldLine(long);
    expect(folded.split('\r\n ').join('')).toBe(long);
    for (const part of folded.split('\r\n')) {
      expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
      expect(part).not.toContain('\uFFFD');
    }
  });
});
