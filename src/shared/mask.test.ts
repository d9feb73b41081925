import { describe, expect, it } from 'vitest';
import { maskCin, maskEmail, maskPhone } from './mask.js';

describe('masked contact data', () => {
  it('keeps the country, the first digit and the last two of a phone number', () => {
    expect(maskPhone('+33612345632')).toBe('+33 6 •• •• •• 32');
    expect(maskPhone('+212661234567')).toBe('+212 6 •• •• •• 67');
    expect(maskPhone(null)).toBeNull();
  });
  it('never shows the middle of a number it cannot parse', () => {
    expect(maskPhone('12345')).toBe('•••45');
  });
  it('keeps the first letter of each part of an e-mail address and its top domain', () => {
    expect(maskEmail('fatima.zahra@gmail.com')).toBe('f•••••••••••@g••••.com');
    expect(maskEmail('a@b.fr')).toBe('a@b.fr');
    expect(maskEmail('karim@example.co.uk')).toBe('k••••@e•••••••••.uk');
  });
  it('keeps the letters and the last two digits of a CIN', () => {
    expect(maskCin('AB123456')).toBe('AB••••56');
    expect(maskCin('K98765')).toBe('K•••65');
  });
});
