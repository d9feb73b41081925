/** Texts of the institution admin's page of departments and staff, and of the invited member's welcome page. */
import { peopleAr } from './people.ar.js';
import { peopleEn } from './people.en.js';
import { peopleFr } from './people.fr.js';

/** The three languages together, for pages showing several at once (the waiting-room screen) and for tests. */
export const people = { en: peopleEn, fr: peopleFr, ar: peopleAr };
