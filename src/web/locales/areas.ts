import { appointmentsEn } from './appointments.en.js';
import { appointmentsSetupEn } from './appointments-setup.en.js';
import { figuresEn } from './figures.en.js';
import { identityEn } from './identity.en.js';
import { mandatesEn } from './mandates.en.js';
import { peopleEn } from './people.en.js';
import { replyEn } from './reply.en.js';
import { satisfactionEn } from './satisfaction.en.js';

/**
 * Texts of the web app's areas that keep their own catalogue (beside en/fr/ar.ts), merged into the one
 * translation namespace. English is bundled (the fallback); French and Arabic are fetched with the page's
 * language only, so a French page never downloads the Arabic texts. An area adds itself to each list.
 */
export const areasEn: Record<string, string>[] = [
  appointmentsEn,
  appointmentsSetupEn,
  peopleEn,
  replyEn,
  mandatesEn,
  satisfactionEn,
  identityEn,
  figuresEn,
];

/** The English texts of every area, for the typed keys (see i18n.ts): an area adds itself here too. */
export type AreaTexts = typeof appointmentsEn &
  typeof appointmentsSetupEn &
  typeof peopleEn &
  typeof replyEn &
  typeof mandatesEn &
  typeof satisfactionEn &
  typeof identityEn &
  typeof figuresEn;

export const areasIn = {
  fr: () =>
    Promise.all([
      import('./appointments.fr.js').then((m) => m.appointmentsFr),
      import('./appointments-setup.fr.js').then((m) => m.appointmentsSetupFr),
      import('./people.fr.js').then((m) => m.peopleFr),
      import('./reply.fr.js').then((m) => m.replyFr),
      import('./mandates.fr.js').then((m) => m.mandatesFr),
      import('./satisfaction.fr.js').then((m) => m.satisfactionFr),
      import('./identity.fr.js').then((m) => m.identityFr),
      import('./figures.fr.js').then((m) => m.figuresFr),
    ]),
  ar: () =>
    Promise.all([
      import('./appointments.ar.js').then((m) => m.appointmentsAr),
      import('./appointments-setup.ar.js').then((m) => m.appointmentsSetupAr),
      import('./people.ar.js').then((m) => m.peopleAr),
      import('./reply.ar.js').then((m) => m.replyAr),
      import('./mandates.ar.js').then((m) => m.mandatesAr),
      import('./satisfaction.ar.js').then((m) => m.satisfactionAr),
      import('./identity.ar.js').then((m) => m.identityAr),
      import('./figures.ar.js').then((m) => m.figuresAr),
    ]),
};
