import { describe, expect, it } from 'vitest';
import { backoffMs } from './delivery.js';
import { addressLines } from './pdf/address.js';
import { addressWindow, MM, textEngine } from './pdf/letter.js';
import { parseQuietHours, quietHold, quietUntil, timeZoneFor } from './quiet-hours.js';
import { smsSegments } from './service.js';
import { fill, renderEmailHtml, unknownPlaceholders } from './templates.js';

describe('postal addresses in the destination country’s order', () => {
  it('France: postcode then town in capitals, country last', () => {
    expect(
      addressLines('Fatima El Hassani', {
        lines: ['12 rue des Lilas'],
        city: 'Lyon',
        postalCode: '69003',
        country: 'FR',
      }),
    ).toEqual(['Fatima El Hassani', '12 rue des Lilas', '69003 LYON', 'FRANCE']);
  });
  it('United Kingdom: town, then the postcode on its own line', () => {
    expect(
      addressLines('John Smith', {
        lines: ['221B Baker Street'],
        city: 'London',
        postalCode: 'nw1 6xe',
        country: 'GB',
      }),
    ).toEqual(['John Smith', '221B Baker Street', 'LONDON', 'NW1 6XE', 'ROYAUME-UNI']);
  });
  it('United States and Canada: town, state or province, ZIP on one line', () => {
    expect(
      addressLines('Amal Idrissi', {
        lines: ['350 Fifth Avenue', 'Apt 12'],
        city: 'New York',
        region: 'NY',
        postalCode: '10118',
        country: 'US',
      }),
    ).toEqual(['Amal Idrissi', '350 Fifth Avenue', 'Apt 12', 'NEW YORK, NY 10118', "ÉTATS-UNIS D'AMÉRIQUE"]);
    expect(
      addressLines('Omar B.', {
        lines: ['1 rue Sainte-Catherine'],
        city: 'Montréal',
        region: 'QC',
        postalCode: 'H2X 1K4',
        country: 'CA',
      }).at(-2),
    ).toBe('MONTRÉAL QC H2X 1K4');
  });
  it('Netherlands and Italy follow their own posts', () => {
    expect(
      addressLines('A. Berrada', {
        lines: ['Damrak 1'],
        city: 'Amsterdam',
        postalCode: '1012 lg',
        country: 'NL',
      }).at(-2),
    ).toBe('1012 LG  AMSTERDAM');
    expect(
      addressLines('S. Alaoui', {
        lines: ['Via Roma 10'],
        city: 'Roma',
        postalCode: '00144',
        region: 'rm',
        country: 'IT',
      }).at(-2),
    ).toBe('00144 ROMA RM');
  });
  it('keeps within six lines by joining street lines', () => {
    const lines = addressLines('N', {
      lines: ['a', 'b', 'c', 'd'],
      city: 'London',
      postalCode: 'E1 6AN',
      country: 'GB',
    });
    expect(lines).toHaveLength(6);
    expect(lines).toEqual(['N', 'a', 'b, c, d', 'LONDON', 'E1 6AN', 'ROYAUME-UNI']);
  });
});

describe('the envelope window', () => {
  it('is 85 × 45 mm, 45 mm from the top, 20 mm from the chosen edge of an A4 sheet', () => {
    const right = addressWindow('right');
    expect(right.x + right.width).toBeCloseTo(595.28 - 20 * MM, 1);
    expect(right.y).toBeCloseTo(45 * MM, 1);
    expect(right.width).toBeCloseTo(85 * MM, 1);
    expect(addressWindow('left').x).toBeCloseTo(20 * MM, 1);
  });
});

const bt = await textEngine();
describe('Arabic and Latin on one line', () => {
  it('puts a Latin reference to the left of the Arabic in a right-to-left line', () => {
    const [line] = bt.layout('رقم التتبع: AML-2026-000123', { width: 1000, size: 11, dir: 'rtl' });
    expect(line!.runs.map((r) => [r.text, r.rtl])).toEqual([
      ['AML-2026-000123', false],
      ['رقم التتبع: ', true],
    ]);
    expect(line!.runs[1]!.font).toBe('naskh');
  });
  it('mirrors brackets in right-to-left text and keeps numbers left to right', () => {
    const [line] = bt.layout('الوثيقة (رقم 77/1978)', { width: 1000, size: 11, dir: 'rtl' });
    // Visual order, left to right: the closing bracket run, the number, then the Arabic.
    expect(line!.runs.map((r) => r.text)).toEqual(['(', '77/1978', 'الوثيقة )رقم ']);
    // The closing bracket, alone in its run, is mirrored here; the one inside the Arabic run too (fontkit
    // reverses that run but does not mirror).
  });
  it('keeps an Arabic name inside a French sentence in place', () => {
    const [line] = bt.layout('Le nom : فاطمة الحسني.', { width: 1000, size: 11, dir: 'ltr' });
    expect(line!.runs.map((r) => [r.text, r.rtl])).toEqual([
      ['Le nom : ', false],
      ['فاطمة الحسني', true],
      ['.', false],
    ]);
  });
  it('wraps on the logical text: the first words of an Arabic paragraph are on the first line', () => {
    const text = 'تم إعداد نسختين من رسم الولادة وسترسلان إليك عبر البريد المضمون في أجل أقصاه خمسة أيام';
    const lines = bt.layout(text, { width: 150, size: 11, dir: 'rtl' });
    expect(lines.length).toBeGreaterThan(2);
    expect(lines[0]!.runs.map((r) => r.text).join('')).toMatch(/^تم إعداد/);
    expect(lines.every((l) => l.width <= 150)).toBe(true);
  });
});

describe('quiet hours', () => {
  const quiet = parseQuietHours('21:00-08:00');
  it('holds a message sent at night in the person’s time zone until the morning there', () => {
    expect(quietUntil(new Date('2026-01-15T22:30:00Z'), 'Europe/Paris', quiet)?.toISOString()).toBe(
      '2026-01-16T07:00:00.000Z',
    );
    expect(quietUntil(new Date('2026-01-15T06:15:00Z'), 'Europe/Paris', quiet)?.toISOString()).toBe(
      '2026-01-15T07:00:00.000Z',
    );
    expect(quietUntil(new Date('2026-01-15T12:00:00Z'), 'Europe/Paris', quiet)).toBeNull();
    expect(quietUntil(new Date('2026-01-15T22:30:00Z'), 'America/Toronto', quiet)).toBeNull();
  });
  it('ends at 08:00 local time across the change to summer time', () => {
    // Night of 28 to 29 March 2026 in Paris: clocks go from 02:00 to 03:00.
    expect(quietUntil(new Date('2026-03-28T22:00:00Z'), 'Europe/Paris', quiet)?.toISOString()).toBe(
      '2026-03-29T06:00:00.000Z',
    );
  });
  it('can be turned off, or be a window within the day', () => {
    expect(parseQuietHours('')).toBeNull();
    const siesta = parseQuietHours('13:00-15:00');
    expect(quietUntil(new Date('2026-06-01T12:30:00Z'), 'Europe/Madrid', siesta)?.toISOString()).toBe(
      '2026-06-01T13:00:00.000Z',
    );
  });
  it('hold a message with a time to be sent by only if the morning comes before it', () => {
    const night = new Date('2026-01-15T22:30:00Z'); // 23:30 in Paris
    const sms = { channel: 'sms', timeZone: 'Europe/Paris' };
    const morning = '2026-01-16T07:00:00.000Z';
    expect(quietHold(sms, night, quiet)?.toISOString()).toBe(morning);
    expect(quietHold({ ...sms, sendBy: new Date('2026-01-16T09:00:00Z') }, night, quiet)?.toISOString()).toBe(
      morning,
    );
    expect(quietHold({ ...sms, sendBy: new Date('2026-01-16T06:59:00Z') }, night, quiet)).toBeNull();
    expect(quietHold({ ...sms, channel: 'whatsapp', sendBy: night }, night, quiet)).toBeNull();
    expect(quietHold({ ...sms, channel: 'email' }, night, quiet)).toBeNull();
    expect(quietHold({ ...sms, timeZone: null }, night, quiet)).toBeNull();
  });
  it('guesses the time zone from the phone number, then the country, and respects a chosen one', () => {
    expect(timeZoneFor({ phone: '+33612345678' })).toBe('Europe/Paris');
    expect(timeZoneFor({ phone: '+34612345678' })).toBe('Europe/Madrid');
    expect(timeZoneFor({ country: 'BE' })).toBe('Europe/Brussels');
    expect(timeZoneFor({ phone: '+15145550123', chosen: 'America/Toronto' })).toBe('America/Toronto');
    expect(timeZoneFor({})).toBe('Africa/Casablanca');
  });
});

describe('retries', () => {
  it('wait twice as long each time, up to the maximum', () => {
    const none = () => 0;
    expect([1, 2, 3, 4, 5, 12].map((a) => backoffMs(a, 30_000, 3_600_000, none))).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000, 3_600_000,
    ]);
    expect(backoffMs(3, 1000, 10_000, () => 1)).toBe(4400);
  });
});

describe('templates', () => {
  it('fill placeholders and report the ones an event cannot fill', () => {
    expect(
      fill('Bonjour {name}, dossier {tracking}.\n\n\n\n{reason}', { name: 'Amina', tracking: 'AML-1' }),
    ).toBe('Bonjour Amina, dossier AML-1.');
    expect(unknownPlaceholders('receipt', '{name} {code}', '{reply} {foo}')).toEqual(['reply', 'foo']);
  });
  it('escape the text in the HTML e-mail and only link http(s) addresses', () => {
    const html = renderEmailHtml({
      subject: 'x',
      text: '<script>alert(1)</script> javascript:alert(1) https://jisr.example.ma/track/A-1.',
      lang: 'ar',
      link: 'javascript:alert(1)',
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<a href="https://jisr.example.ma/track/A-1"');
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('dir="rtl"');
  });
  it('count SMS segments: 70 characters for Arabic, 160 for Latin', () => {
    expect(smsSegments('a'.repeat(160))).toBe(1);
    expect(smsSegments('a'.repeat(161))).toBe(2);
    expect(smsSegments('ب'.repeat(70))).toBe(1);
    expect(smsSegments('ب'.repeat(71))).toBe(2);
  });
});
