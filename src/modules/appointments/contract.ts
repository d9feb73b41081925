/** The appointments' answers over HTTP: the routes declare them, the web app takes its types from them. */
import { z } from 'zod';
import { isoDateTime, itemsOf, languageCode, names, storedDateTime } from '../../shared/contract.js';

export const appointmentModes = z.enum(['in_person', 'video']);
export const bookWithKinds = z.enum(['window', 'official']);
export const ruleKinds = z.enum(['office', 'after_hours', 'saturday', 'special']);
export const closureKinds = z.enum(['holiday', 'closure']);
export const bookingStatuses = z.enum(['booked', 'checked_in', 'served', 'no_show', 'cancelled']);
export const bookingChannels = z.enum(['email', 'whatsapp', 'sms']);
export const registrationStatuses = z.enum(['registered', 'attended', 'cancelled']);
export const ticketKinds = z.enum(['appointment', 'walk_in', 'event']);
export const ticketStatuses = z.enum(['waiting', 'called', 'done', 'no_show']);
export const visitOutcomes = z.enum(['served', 'file_incomplete', 'redirected', 'follow_up', 'left']);

/** A moment on a given clock: the day, the time, the weekday and the UTC offset there. */
export const wallClock = z.object({
  timeZone: z.string(),
  date: z.string(),
  time: z.string(),
  weekday: z.number().int(),
  offset: z.string(),
});

export const service = z.object({
  id: z.uuid(),
  institutionId: z.uuid(),
  departmentId: z.uuid().nullable(),
  code: z.string(),
  ...names,
  bookWith: bookWithKinds,
  slotMinutes: z.number().int(),
  bufferMinutes: z.number().int(),
  capacity: z.number().int(),
  modes: z.array(appointmentModes),
  minNoticeMinutes: z.number().int(),
  horizonDays: z.number().int(),
  active: z.boolean(),
});
/** A service as the booking form lists it, with the officials one may book with. */
export const listedService = service.extend({
  officials: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      titleAr: z.string(),
      titleFr: z.string(),
      titleEn: z.string(),
    }),
  ),
  /** staff only */
  videoRoomBase: z.string().nullable().optional(),
});
/** A service as set up, with the officials who serve it. */
export const configuredService = service.extend({ officialIds: z.array(z.uuid()) });

export const slot = z.object({
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  officialId: z.uuid().nullable(),
  kind: ruleKinds,
  capacity: z.number().int(),
  seatsLeft: z.number().int(),
  morocco: wallClock,
  local: wallClock,
});
export const slots = z.object({
  service,
  timeZone: z.string(),
  from: z.string(),
  to: z.string(),
  items: z.array(slot),
});

export const official = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  name: z.string(),
  titleAr: z.string(),
  titleFr: z.string(),
  titleEn: z.string(),
  active: z.boolean(),
  serviceIds: z.array(z.uuid()),
});
/** An official as stored. */
export const officialRow = z.object({
  id: z.uuid(),
  institutionId: z.uuid(),
  accountId: z.uuid(),
  titleAr: z.string(),
  titleFr: z.string(),
  titleEn: z.string(),
  active: z.boolean(),
  createdAt: storedDateTime,
});

export const openingRule = z.object({
  id: z.uuid(),
  institutionId: z.uuid(),
  serviceId: z.uuid().nullable(),
  officialId: z.uuid().nullable(),
  kind: ruleKinds,
  weekday: z.number().int(),
  start: z.string(),
  end: z.string(),
  capacity: z.number().int().nullable(),
  everyWeeks: z.number().int(),
  anchorDate: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
});

export const closure = z.object({
  id: z.uuid(),
  institutionId: z.uuid(),
  serviceId: z.uuid().nullable(),
  kind: closureKinds,
  startDate: z.string(),
  endDate: z.string(),
  reasonAr: z.string(),
  reasonFr: z.string(),
  reasonEn: z.string(),
});
/** A closure set, with the bookings it falls on (to be moved or cancelled by the staff). */
export const closureSet = closure.extend({
  affectedBookings: z.array(z.object({ id: z.uuid(), reference: z.string(), startsAt: isoDateTime })),
});

export const shift = z.object({
  date: z.string(),
  weekday: z.number().int(),
  kind: ruleKinds,
  start: z.string(),
  end: z.string(),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  serviceId: z.uuid().nullable(),
  officialId: z.uuid().nullable(),
  officialAccountId: z.uuid().nullable(),
  officialName: z.string().nullable(),
  ruleId: z.uuid(),
});
export const rota = z.object({
  from: z.string(),
  to: z.string(),
  shifts: z.array(shift),
  closures: z.array(closure),
});

/** A booking, as the citizen and the staff see it. */
export const booking = z.object({
  id: z.uuid(),
  reference: z.string(),
  institutionId: z.uuid(),
  serviceId: z.uuid(),
  service: z.object({ code: z.string(), ...names }),
  officialId: z.uuid().nullable(),
  official: z
    .object({ name: z.string(), titleAr: z.string(), titleFr: z.string(), titleEn: z.string() })
    .nullable(),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  day: z.string(),
  morocco: wallClock,
  local: wallClock,
  mode: appointmentModes,
  videoUrl: z.string().nullable(),
  status: bookingStatuses,
  caseId: z.uuid().nullable(),
  /** Booked by a relative under this mandate, for the person whose booking it is. */
  mandateId: z.uuid().nullable(),
  language: languageCode,
  timeZone: z.string(),
  note: z.string().nullable(),
  channels: z.array(bookingChannels).nullable(),
  citizen: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  version: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  cancelledAt: isoDateTime.nullable(),
  cancelledBy: z.enum(['citizen', 'staff']).nullable(),
  cancelReason: z.string().nullable(),
});
export const bookings = itemsOf(booking);

export const staffCalendar = z.object({
  institutionId: z.uuid(),
  view: z.enum(['day', 'week']),
  from: z.string(),
  to: z.string(),
  scope: z.enum(['institution', 'own']),
  items: z.array(booking),
  shifts: z.array(shift),
  closures: z.array(closure),
});

const figures = {
  bookings: z.number().int(),
  cancelled: z.number().int(),
  noShows: z.number().int(),
  attended: z.number().int(),
  visitors: z.number().int(),
  walkIns: z.number().int(),
  called: z.number().int(),
  queueNoShows: z.number().int(),
  waitAverageMinutes: z.number().nullable(),
  waitMedianMinutes: z.number().nullable(),
  waitMaxMinutes: z.number().nullable(),
};
export const appointmentFigures = z.object({
  institutionId: z.uuid(),
  from: z.string(),
  to: z.string(),
  rows: z.array(z.object({ ...figures, day: z.string(), serviceId: z.uuid().nullable() })),
  byService: z.array(z.object({ ...figures, serviceId: z.uuid().nullable() })),
  byDay: z.array(z.object({ ...figures, day: z.string() })),
  total: z.object(figures),
  services: z.array(z.object({ id: z.uuid(), code: z.string(), ...names })),
});

export const eventDay = z.object({
  date: z.string(),
  start: z.string(),
  end: z.string(),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  capacity: z.number().int(),
  seatsLeft: z.number().int(),
  labelAr: z.string().nullable(),
  labelFr: z.string().nullable(),
  labelEn: z.string().nullable(),
  placeAr: z.string(),
  placeFr: z.string(),
  placeEn: z.string(),
  address: z.string().nullable(),
});
/** An open day (consular day, caravan): its days, places and seats. */
export const openDay = z.object({
  id: z.uuid(),
  institutionId: z.uuid(),
  code: z.string(),
  titleAr: z.string(),
  titleFr: z.string(),
  titleEn: z.string(),
  descriptionAr: z.string().nullable(),
  descriptionFr: z.string().nullable(),
  descriptionEn: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  services: z.array(z.object({ id: z.uuid(), code: z.string(), ...names })),
  days: z.array(eventDay),
});
export const openDays = itemsOf(openDay);

export const registration = z.object({
  id: z.uuid(),
  reference: z.string(),
  eventId: z.uuid(),
  day: z.string(),
  serviceId: z.uuid().nullable(),
  seat: z.number().int(),
  status: registrationStatuses,
  language: languageCode,
  createdAt: isoDateTime,
  cancelledAt: isoDateTime.nullable(),
});
export const myRegistrations = itemsOf(
  registration.extend({
    event: z.object({ id: z.uuid(), titleAr: z.string(), titleFr: z.string(), titleEn: z.string() }),
  }),
);
/** Who registered for one day of an open day (staff). */
export const eventDayList = z.object({
  eventId: z.uuid(),
  date: z.string(),
  capacity: z.number().int(),
  registered: z.number().int(),
  attended: z.number().int(),
  items: z.array(
    registration.extend({
      citizen: z.object({ id: z.uuid(), name: z.string() }),
      serviceCode: z.string().nullable(),
      ticket: z.string().nullable(),
    }),
  ),
});

/** A ticket of the waiting room. */
export const ticket = z.object({
  id: z.uuid(),
  day: z.string(),
  number: z.number().int(),
  code: z.string(),
  kind: ticketKinds,
  status: ticketStatuses,
  serviceId: z.uuid().nullable(),
  appointmentId: z.uuid().nullable(),
  eventRegistrationId: z.uuid().nullable(),
  visitorName: z.string().nullable(),
  counter: z.string().nullable(),
  checkedInAt: isoDateTime,
  checkedInClock: z.string(),
  calledAt: isoDateTime.nullable(),
  calledClock: z.string().nullable(),
  finishedAt: isoDateTime.nullable(),
  waitMinutes: z.number().nullable(),
  outcome: visitOutcomes.nullable(),
  outcomeNote: z.string().nullable(),
  version: z.number().int(),
});
export const waitingRoom = z.object({
  institutionId: z.uuid(),
  day: z.string(),
  waiting: z.array(ticket),
  called: z.array(ticket),
  done: z.number().int(),
  noShows: z.number().int(),
});
export const calledTicket = z.object({ ticket: ticket.nullable() });
export const visitorLog = z.object({
  institutionId: z.uuid(),
  day: z.string(),
  items: z.array(ticket.extend({ calledByName: z.string().nullable() })),
});

const screenLabels = z.object({
  title: z.string(),
  nowServing: z.string(),
  next: z.string(),
  ticket: z.string(),
  counter: z.string(),
  waiting: z.string(),
});
/** The waiting room's screen (public). */
export const waitingScreen = z.object({
  institution: z.object({ id: z.uuid(), code: z.string(), nameAr: z.string(), nameFr: z.string() }),
  day: z.string(),
  called: z.array(z.object({ ticket: z.string(), counter: z.string(), calledAt: isoDateTime })),
  next: z.array(z.string()),
  waitingCount: z.number().int(),
  labels: z.object({ ar: screenLabels, fr: screenLabels }),
  announcement: z
    .object({ ticket: z.string(), counter: z.string(), ar: z.string(), fr: z.string() })
    .nullable(),
});
