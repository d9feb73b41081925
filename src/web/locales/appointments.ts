/** Texts of the appointment pages: booking, the citizen's appointments, open days, the desk, the calendar, figures, the waiting-room screen. */
import { appointmentsAr } from './appointments.ar.js';
import { appointmentsEn } from './appointments.en.js';
import { appointmentsFr } from './appointments.fr.js';

/** The three languages together, for pages showing several at once (the waiting-room screen) and for tests. */
export const appointments = { en: appointmentsEn, fr: appointmentsFr, ar: appointmentsAr };
