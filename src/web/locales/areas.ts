import { appointments } from './appointments.js';
import { people } from './people.js';

/**
 * Texts of the web app's areas that keep their own catalogue (beside en/fr/ar.ts), merged into the one
 * translation namespace. An area adds itself to this list.
 */
export const areas: { en: Record<string, string>; fr: Record<string, string>; ar: Record<string, string> }[] =
  [appointments, people];
