/**
 * A postal address laid out the way the destination country's post reads it: the recipient, the street
 * lines, the town line in that country's order, and the country in capitals on the last line (in French,
 * as mail leaving Morocco is addressed). Pure.
 */
import countries from 'i18n-iso-countries';
import type { PostalAddress } from '../../accounts/schema.js';

/** Countries whose town line is "City REGION POSTCODE" (North America, Australia). */
const cityRegionPostcode = new Set(['US', 'CA', 'AU']);
/** Town on one line, postcode alone on the next (United Kingdom and others that follow its model). */
const cityThenPostcode = new Set(['GB', 'IE', 'GG', 'JE', 'IM']);
/** Posts that ask for the town in capitals. */
const upperTown = new Set([
  'FR',
  'MC',
  'BE',
  'LU',
  'CH',
  'GB',
  'IE',
  'IT',
  'ES',
  'PT',
  'NL',
  'SE',
  'NO',
  'DK',
  'FI',
  'US',
  'CA',
  'AU',
  'MA',
]);

export const MAX_ADDRESS_LINES = 6;

export function addressLines(recipient: string, a: PostalAddress): string[] {
  const country = a.country.toUpperCase();
  const town = upperTown.has(country) ? a.city.toLocaleUpperCase('fr') : a.city;
  const pc = a.postalCode?.trim() ?? '';
  const region = a.region?.trim() ?? '';
  const townLines: string[] = [];
  if (cityRegionPostcode.has(country)) {
    townLines.push(
      [country === 'US' ? `${town},` : town, region, pc].filter(Boolean).join(' ').replace(/,$/, ''),
    );
  } else if (cityThenPostcode.has(country)) {
    townLines.push(town);
    if (pc) townLines.push(pc.toUpperCase());
  } else if (country === 'NL') {
    // Dutch post: "1012 LG  AMSTERDAM", two spaces between the postcode and the town.
    townLines.push(pc ? `${pc.toUpperCase()}  ${town}` : town);
  } else if (country === 'IT') {
    // Italian: "00144 ROMA RM", the province's code after the town.
    townLines.push([pc, town, region.length === 2 ? region.toUpperCase() : ''].filter(Boolean).join(' '));
  } else {
    townLines.push([pc, town].filter(Boolean).join(' '));
    if (region && !['FR', 'BE', 'NL', 'LU', 'CH', 'DE', 'AT', 'MA', 'IT', 'ES', 'PT'].includes(country))
      townLines.push(region);
  }
  const countryLine = (countries.getName(country, 'fr') ?? country).toLocaleUpperCase('fr');
  let street = a.lines.map((l) => l.trim()).filter(Boolean);
  const room = MAX_ADDRESS_LINES - 2 - townLines.length;
  if (street.length > room) street = [...street.slice(0, room - 1), street.slice(room - 1).join(', ')];
  return [recipient, ...street, ...townLines, countryLine];
}
