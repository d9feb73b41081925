import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * Masked contact data, for a person the desk has found but may not yet see in full (least privilege,
 * law 09-08): enough for the visitor to recognise their own number or address, not enough to reach them.
 */
const DOT = '•';
const hide = (s: string) => DOT.repeat([...s].length);

/** `+33612345632` → `+33 6•• •• •• 32`: the country, the first digit and the last two. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  const parsed = parsePhoneNumberFromString(phone);
  if (!parsed) return `${DOT.repeat(Math.max(0, phone.length - 2))}${phone.slice(-2)}`;
  const national = parsed.formatInternational().slice(`+${parsed.countryCallingCode} `.length);
  const digits = national.replace(/\D/g, '').length;
  let seen = 0;
  const masked = national.replace(/\d/g, (d) => {
    seen++;
    return seen === 1 || seen > digits - 2 ? d : DOT;
  });
  return `+${parsed.countryCallingCode} ${masked}`;
}

/** `fatima.zahra@gmail.com` → `f•••••••••••@g••••.com`: the first letter of each part and the top domain. */
export function maskEmail(email: string | null): string | null {
  if (!email) return null;
  const at = email.lastIndexOf('@');
  if (at < 1) return hide(email);
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const top = dot > 0 ? domain.slice(dot) : '';
  return `${local[0]}${hide(local.slice(1))}@${host[0] ?? ''}${hide(host.slice(1))}${top}`;
}

/** `AB123456` → `AB••••56`: the letters of the issuing place and the last two digits. */
export function maskCin(cin: string | null): string | null {
  if (!cin) return null;
  const letters = cin.match(/^\p{L}*/u)?.[0] ?? '';
  const rest = cin.slice(letters.length);
  return `${letters}${DOT.repeat(Math.max(0, rest.length - 2))}${rest.slice(-2)}`;
}
