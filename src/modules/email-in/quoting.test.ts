import { describe, expect, it } from 'vitest';
import { stripQuoted } from './quoting.js';

describe('what the person wrote in a reply', () => {
  it('cuts at the attribution line of Gmail, Thunderbird and Apple Mail, in English, French and Arabic', () => {
    const replies = [
      'Thank you.\n\nOn Tue, Dec 8, 2026 at 10:00 AM Jisr <no-reply@jisr.local> wrote:\n> Your request was received.',
      'Thank you.\n\nOn Tue, Dec 8, 2026 at 10:00 AM Jisr <\nno-reply@jisr.local> wrote:\n> Your request',
      'Thank you.\n\nLe mar. 8 déc. 2026 à 10:00, Jisr <no-reply@jisr.local> a écrit :\n> Votre demande',
      'Thank you.\n\nفي الثلاثاء، 8 ديسمبر 2026 في 10:00 ص، كتب Jisr <no-reply@jisr.local>:\n> تم استلام طلبك',
      'Thank you.\n\n-----Original Message-----\nFrom: Jisr\nSent: Tuesday',
      'Thank you.\n\n________________________________\nDe : Jisr <no-reply@jisr.local>\nEnvoyé : mardi',
    ];
    for (const r of replies) expect(stripQuoted(r), r).toBe('Thank you.');
  });

  it('drops quoted lines and the signature, and keeps the person’s own lines', () => {
    expect(stripQuoted('> earlier\nMy answer\r\nline two\n\n\n\nmore\n-- \nFatima\n+33 6')).toBe(
      'My answer\nline two\n\nmore',
    );
  });

  it('keeps sentences that only look like an attribution', () => {
    const text = 'On Monday the agent wrote to me that the file was lost.\nفي المكتبة كتب كثيرة';
    expect(stripQuoted(text)).toBe(text);
  });
});
