/** Texts of the admin's appointments setup page: services, officials, weekly hours and duty, closures, rota. */
import { appointmentsSetupAr } from './appointments-setup.ar.js';
import { appointmentsSetupEn } from './appointments-setup.en.js';
import { appointmentsSetupFr } from './appointments-setup.fr.js';

/** The three languages together, for pages showing several at once (the waiting-room screen) and for tests. */
export const appointmentsSetup = {
  en: appointmentsSetupEn,
  fr: appointmentsSetupFr,
  ar: appointmentsSetupAr,
};
