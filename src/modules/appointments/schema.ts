import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { currentTime } from '../../shared/clock.js';
import { accounts, type Language } from '../accounts/schema.js';
import { cases } from '../cases/schema.js';
import { departments, institutions } from '../institutions/schema.js';
import { mandates } from '../mandates/schema.js';
import type { AppointmentMode, AppointmentStatus, TicketKind, TicketStatus, VisitOutcome } from './rules.js';
import type { BookWith, RuleKind } from './slots.js';

/** Something a citizen can book at an institution (or one of its annexes): slot length, buffer, seats. */
export const appointmentServices = pgTable(
  'appointment_services',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    departmentId: uuid('department_id').references(() => departments.id),
    code: text('code').notNull(),
    nameAr: text('name_ar').notNull(),
    nameFr: text('name_fr').notNull(),
    nameEn: text('name_en').notNull(),
    /** `window`: the slot belongs to the service (counters share it); `official`: to one named official. */
    bookWith: text('book_with').$type<BookWith>().notNull().default('window'),
    slotMinutes: integer('slot_minutes').notNull(),
    bufferMinutes: integer('buffer_minutes').notNull().default(0),
    capacity: integer('capacity').notNull().default(1),
    modes: jsonb('modes').$type<AppointmentMode[]>().notNull().default(['in_person']),
    minNoticeMinutes: integer('min_notice_minutes').notNull().default(120),
    horizonDays: integer('horizon_days').notNull().default(60),
    /** Where video rooms are opened: a booking by video gets `<base>/<room>`. */
    videoRoomBase: text('video_room_base'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
  },
  (t) => [
    unique('appointment_services_institution_code_uq').on(t.institutionId, t.code),
    check('appointment_services_slot_ck', sql`${t.slotMinutes} between 5 and 480`),
    check('appointment_services_capacity_ck', sql`${t.capacity} between 1 and 100`),
    check('appointment_services_buffer_ck', sql`${t.bufferMinutes} between 0 and 240`),
  ],
);

/** A staff member citizens can meet, with the title shown to them. */
export const appointmentOfficials = pgTable(
  'appointment_officials',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    titleAr: text('title_ar').notNull(),
    titleFr: text('title_fr').notNull(),
    titleEn: text('title_en').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
  },
  (t) => [unique('appointment_officials_institution_account_uq').on(t.institutionId, t.accountId)],
);

export const appointmentServiceOfficials = pgTable(
  'appointment_service_officials',
  {
    serviceId: uuid('service_id')
      .notNull()
      .references(() => appointmentServices.id, { onDelete: 'cascade' }),
    officialId: uuid('official_id')
      .notNull()
      .references(() => appointmentOfficials.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.serviceId, t.officialId] })],
);

/**
 * Weekly opening hours and duty rotas, in Morocco's wall-clock time. A rota is a rule that applies every
 * N weeks from an anchor date, naming the official on duty.
 */
export const availabilityRules = pgTable(
  'availability_rules',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    serviceId: uuid('service_id').references(() => appointmentServices.id, { onDelete: 'cascade' }),
    officialId: uuid('official_id').references(() => appointmentOfficials.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<RuleKind>().notNull(),
    weekday: integer('weekday').notNull(),
    startMinute: integer('start_minute').notNull(),
    endMinute: integer('end_minute').notNull(),
    capacity: integer('capacity'),
    everyWeeks: integer('every_weeks').notNull().default(1),
    anchorDate: date('anchor_date'),
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
  },
  (t) => [
    index('availability_rules_institution_idx').on(t.institutionId),
    check('availability_rules_weekday_ck', sql`${t.weekday} between 1 and 7`),
    check(
      'availability_rules_time_ck',
      sql`${t.startMinute} >= 0 and ${t.endMinute} <= 1440 and ${t.startMinute} < ${t.endMinute}`,
    ),
  ],
);

/** Holidays and closures: whole days on which nothing (or one service) can be booked. */
export const appointmentClosures = pgTable(
  'appointment_closures',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    serviceId: uuid('service_id').references(() => appointmentServices.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<'holiday' | 'closure'>().notNull(),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    reasonAr: text('reason_ar').notNull(),
    reasonFr: text('reason_fr').notNull(),
    reasonEn: text('reason_en').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
  },
  (t) => [
    index('appointment_closures_institution_idx').on(t.institutionId, t.startDate),
    check('appointment_closures_dates_ck', sql`${t.startDate} <= ${t.endDate}`),
  ],
);

/**
 * A booking. `resource` is what the slot belongs to (`service:<id>` or `official:<id>`); `seat` numbers
 * the places of a slot from 1 to its capacity. The partial unique index on (resource, starts_at, seat)
 * is what makes a double booking impossible, whatever the code above it does.
 */
export const appointments = pgTable(
  'appointments',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    reference: text('reference').notNull().unique(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => appointmentServices.id),
    officialId: uuid('official_id').references(() => appointmentOfficials.id),
    resource: text('resource').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** The local date in Morocco, for day lists and figures. */
    day: date('day').notNull(),
    seat: integer('seat').notNull(),
    mode: text('mode').$type<AppointmentMode>().notNull(),
    status: text('status').$type<AppointmentStatus>().notNull().default('booked'),
    citizenId: uuid('citizen_id')
      .notNull()
      .references(() => accounts.id),
    caseId: uuid('case_id').references(() => cases.id),
    language: text('language').$type<Language>().notNull(),
    /** The citizen's own time zone, for showing times in e-mails. */
    timeZone: text('time_zone').notNull(),
    /**
     * Channels chosen when booking, besides e-mail (always): SMS, WhatsApp. Null: the citizen's own choice
     * (their preferences), which also wins when they change it after booking.
     */
    replyChannels: jsonb('reply_channels').$type<('email' | 'sms' | 'whatsapp')[]>(),
    note: text('note'),
    videoUrl: text('video_url'),
    /** Part of the secret in the reschedule/cancel links; changing it revokes the links. */
    manageNonce: text('manage_nonce').notNull(),
    /** iCalendar SEQUENCE: grows with every change sent to the citizen. */
    icsSequence: integer('ics_sequence').notNull().default(0),
    version: integer('version').notNull().default(1),
    /** When the current time was booked or last moved: decides which reminders make sense. */
    scheduledAt: timestamp('scheduled_at', { withTimezone: true })
      .notNull()
      .defaultNow()
      .$defaultFn(currentTime),
    reminderDayAt: timestamp('reminder_day_at', { withTimezone: true }),
    reminderHourAt: timestamp('reminder_hour_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelledBy: text('cancelled_by').$type<'citizen' | 'staff'>(),
    cancelReason: text('cancel_reason'),
    createdBy: uuid('created_by').references(() => accounts.id),
    /**
     * Booked by a relative under this mandate: the booking is the person's (`citizenId`), the relative
     * (`createdBy`) reaches it only while the mandate is active.
     */
    mandateId: uuid('mandate_id').references(() => mandates.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
  },
  (t) => [
    uniqueIndex('appointments_seat_uq')
      .on(t.resource, t.startsAt, t.seat)
      .where(sql`${t.status} <> 'cancelled'`),
    index('appointments_institution_day_idx').on(t.institutionId, t.day),
    index('appointments_resource_idx').on(t.resource, t.startsAt),
    index('appointments_citizen_idx').on(t.citizenId, t.startsAt),
    index('appointments_status_idx').on(t.status, t.startsAt),
    check('appointments_seat_ck', sql`${t.seat} >= 1`),
  ],
);

/** Open days and other events: dates, places, participating services and seats per day. */
export const appointmentEvents = pgTable(
  'appointment_events',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    code: text('code').notNull(),
    titleAr: text('title_ar').notNull(),
    titleFr: text('title_fr').notNull(),
    titleEn: text('title_en').notNull(),
    descriptionAr: text('description_ar'),
    descriptionFr: text('description_fr'),
    descriptionEn: text('description_en'),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
  },
  (t) => [unique('appointment_events_institution_code_uq').on(t.institutionId, t.code)],
);

export const appointmentEventDays = pgTable(
  'appointment_event_days',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    eventId: uuid('event_id')
      .notNull()
      .references(() => appointmentEvents.id, { onDelete: 'cascade' }),
    date: date('date').notNull(),
    startMinute: integer('start_minute').notNull(),
    endMinute: integer('end_minute').notNull(),
    capacity: integer('capacity').notNull(),
    /** What is special about the day (10 August: the national day of Moroccans living abroad). */
    labelAr: text('label_ar'),
    labelFr: text('label_fr'),
    labelEn: text('label_en'),
    placeAr: text('place_ar').notNull(),
    placeFr: text('place_fr').notNull(),
    placeEn: text('place_en').notNull(),
    address: text('address'),
  },
  (t) => [
    unique('appointment_event_days_event_date_uq').on(t.eventId, t.date),
    check('appointment_event_days_capacity_ck', sql`${t.capacity} >= 1`),
  ],
);

export const appointmentEventServices = pgTable(
  'appointment_event_services',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => appointmentEvents.id, { onDelete: 'cascade' }),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => appointmentServices.id),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.serviceId] })],
);

/** A citizen's place on one day of an event; seats numbered like booking seats. */
export const eventRegistrations = pgTable(
  'event_registrations',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    reference: text('reference').notNull().unique(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => appointmentEvents.id),
    eventDayId: uuid('event_day_id')
      .notNull()
      .references(() => appointmentEventDays.id),
    day: date('day').notNull(),
    citizenId: uuid('citizen_id')
      .notNull()
      .references(() => accounts.id),
    serviceId: uuid('service_id').references(() => appointmentServices.id),
    seat: integer('seat').notNull(),
    status: text('status').$type<'registered' | 'attended' | 'cancelled'>().notNull().default('registered'),
    language: text('language').$type<Language>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('event_registrations_seat_uq')
      .on(t.eventDayId, t.seat)
      .where(sql`${t.status} <> 'cancelled'`),
    uniqueIndex('event_registrations_citizen_uq')
      .on(t.eventDayId, t.citizenId)
      .where(sql`${t.status} <> 'cancelled'`),
    index('event_registrations_citizen_idx').on(t.citizenId),
  ],
);

/** A visitor at the desk on one day: booked, open-day or walk-in; the outcome makes the visitor log. */
export const queueTickets = pgTable(
  'queue_tickets',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    day: date('day').notNull(),
    number: integer('number').notNull(),
    code: text('code').notNull(),
    kind: text('kind').$type<TicketKind>().notNull(),
    serviceId: uuid('service_id').references(() => appointmentServices.id),
    appointmentId: uuid('appointment_id')
      .unique()
      .references(() => appointments.id),
    eventRegistrationId: uuid('event_registration_id')
      .unique()
      .references(() => eventRegistrations.id),
    citizenId: uuid('citizen_id').references(() => accounts.id),
    /** Walk-ins: the name the visitor gave at the desk. Never shown on the waiting-room screen. */
    visitorName: text('visitor_name'),
    status: text('status').$type<TicketStatus>().notNull().default('waiting'),
    sortAt: timestamp('sort_at', { withTimezone: true }).notNull(),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }).notNull(),
    checkedInBy: uuid('checked_in_by').references(() => accounts.id),
    counter: text('counter'),
    calledAt: timestamp('called_at', { withTimezone: true }),
    calledBy: uuid('called_by').references(() => accounts.id),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    outcome: text('outcome').$type<VisitOutcome>(),
    outcomeNote: text('outcome_note'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    unique('queue_tickets_institution_day_number_uq').on(t.institutionId, t.day, t.number),
    index('queue_tickets_waiting_idx').on(t.institutionId, t.day, t.status, t.sortAt),
  ],
);

/** Counters for booking references (per year) and queue tickets (per day), incremented atomically. */
export const appointmentCounters = pgTable(
  'appointment_counters',
  {
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    scope: text('scope').$type<'booking' | 'event' | 'ticket'>().notNull(),
    period: text('period').notNull(),
    value: integer('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.institutionId, t.scope, t.period] })],
);
