import { appointmentsEn } from './appointments.en.js';
import { appointmentsSetupEn } from './appointments-setup.en.js';
import { peopleEn } from './people.en.js';

/**
 * Texts of the web app's areas that keep their own catalogue (beside en/fr/ar.ts), merged into the one
 * translation namespace. English is bundled (the fallback); French and Arabic are fetched with the page's
 * language only, so a French page never downloads the Arabic texts. An area adds itself to each list.
 */
export const areasEn: Record<string, string>[] = [appointmentsEn, appointmentsSetupEn, peopleEn];

/** The English texts of every area, for the typed keys (see i18n.ts): an area adds itself here too. */
export type AreaTexts = typeof appointmentsEn & typeof appointmentsSetupEn & typeof peopleEn;

export const areasIn = {
  fr: () =>
    Promise.all([
      import('./appointments.fr.js').then((m) => m.appointmentsFr),
      import('./appointments-setup.fr.js').then((m) => m.appointmentsSetupFr),
      import('./people.fr.js').then((m) => m.peopleFr),
    ]),
  ar: () =>
    Promise.all([
      import('./appointments.ar.js').then((m) => m.appointmentsAr),
      import('./appointments-setup.ar.js').then((m) => m.appointmentsSetupAr),
      import('./people.ar.js').then((m) => m.peopleAr),
    ]),
};
