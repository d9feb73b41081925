import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.js';
import { forbidden } from '../../server/errors.js';
import { fail } from '../../server/problems.js';
import { isoDate, safeText } from '../../server/validation.js';
import { currentTime } from '../../shared/clock.js';
import { binary, itemsOf, noContent } from '../../shared/contract.js';
import { languages } from '../accounts/schema.js';
import { availabilityRoutes } from './availability-routes.js';
import { listMyAppointments, staffCalendar, viewAppointment } from './booking-view.js';
import {
  bookAppointment,
  cancelAppointment,
  cancelByToken,
  markNoShow,
  moveAppointment,
  rescheduleAppointment,
  rescheduleByToken,
  viewByToken,
} from './bookings.js';
import { addressOf, type Ctx, moroccoToday, nowOf } from './context.js';
import * as contract from './contract.js';
import {
  callNext,
  checkIn,
  finishTicket,
  queueState,
  ticketNoShow,
  visitorLog,
  waitingRoomScreen,
} from './desk.js';
import {
  cancelRegistration,
  createEvent,
  eventDayList,
  getEvent,
  listEvents,
  myRegistrations,
  registerForEvent,
} from './events.js';
import { appointmentFigures } from './figures.js';
import { listSlots } from './free-times.js';
import { appointmentIcs } from './notices.js';
import {
  createClosure,
  createRule,
  deleteClosure,
  deleteRule,
  dutyRota,
  listClosures,
  listRules,
} from './opening-hours.js';
import { appointmentModes, visitOutcomes } from './rules.js';
import { createService, listOfficials, listServices, updateService, upsertOfficial } from './services.js';
import { bookWithKinds } from './slots.js';
import { addDays, MOROCCO_TZ } from './tz.js';
import {
  clock,
  closureBody,
  idParams,
  instant,
  institutionQuery,
  names,
  rangeError,
  ruleBody,
  serviceFields,
  timeRange,
  timeZoneSchema,
  titles,
} from './validation.js';

const eventDay = z
  .strictObject({
    date: isoDate,
    start: clock,
    end: clock,
    capacity: z.number().int().min(1).max(100_000),
    labelAr: safeText(1, 200).nullish(),
    labelFr: safeText(1, 200).nullish(),
    labelEn: safeText(1, 200).nullish(),
    placeAr: safeText(1, 200),
    placeFr: safeText(1, 200),
    placeEn: safeText(1, 200),
    address: safeText(1, 300).nullish(),
  })
  .transform(({ start, end, ...d }) => ({ ...d, startMinute: start, endMinute: end }))
  .refine(timeRange, rangeError);

const moveFields = {
  startsAt: instant,
  officialId: z.uuid().nullish(),
};

export async function appointmentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const { secret, publicUrl, MAIL_FROM, TRACK_RATE_LIMIT } = app.deps.config;
  const organizerEmail = addressOf(MAIL_FROM);
  const ctx = (req: FastifyRequest): Ctx => ({
    db,
    actor: req.actor,
    requestId: req.id,
    secret,
    publicUrl,
    organizerEmail,
  });
  const tags = ['appointments'];
  const staffTags = ['appointments: staff'];
  const deskTags = ['appointments: desk'];
  const linkLimit = { rateLimit: { max: TRACK_RATE_LIMIT, timeWindow: '1 minute' } };

  /** A citizen who has confirmed their e-mail address, as for filing a case. */
  const requireVerifiedCitizen = (req: FastifyRequest) => {
    const actor = requireActor(req);
    if (actor.kind !== 'citizen') throw forbidden();
    if (!actor.emailVerified) throw fail('email-not-verified');
    return actor;
  };

  /* Availability ------------------------------------------------------------------------------- */

  r.get(
    '/api/appointments/services',
    {
      schema: {
        tags,
        summary: 'Bookable services of an institution, with their officials (public)',
        querystring: z.strictObject({
          institutionId: z.uuid(),
          includeInactive: z.enum(['true', 'false']).default('false'),
        }),
        response: { 200: itemsOf(contract.listedService) },
      },
    },
    async (req) => ({
      items: await listServices(db, req.query.institutionId, {
        includeInactive: req.query.includeInactive === 'true',
        actor: req.actor,
      }),
    }),
  );

  r.post(
    '/api/appointments/services',
    {
      schema: {
        tags: staffTags,
        summary: 'Define a bookable service (institution admin)',
        body: z.strictObject({
          institutionId: z.uuid(),
          code: z.string().regex(/^[a-z0-9-]{2,40}$/),
          ...serviceFields,
        }),
        response: { 201: contract.configuredService },
      },
    },
    async (req, reply) => {
      requireActor(req);
      const { institutionId, ...input } = req.body;
      return reply.code(201).send(await createService(ctx(req), institutionId, input));
    },
  );

  r.patch(
    '/api/appointments/services/:id',
    {
      schema: {
        tags: staffTags,
        summary: 'Change a service: names, slot length, buffer, seats, modes, officials, active',
        params: idParams,
        body: z
          .strictObject({
            ...names,
            departmentId: serviceFields.departmentId,
            bookWith: z.enum(bookWithKinds),
            slotMinutes: serviceFields.slotMinutes,
            bufferMinutes: z.number().int().min(0).max(240),
            capacity: z.number().int().min(1).max(100),
            modes: z.array(z.enum(appointmentModes)).min(1).max(2),
            minNoticeMinutes: z
              .number()
              .int()
              .min(0)
              .max(30 * 24 * 60),
            horizonDays: z.number().int().min(1).max(366),
            videoRoomBase: serviceFields.videoRoomBase,
            officialIds: serviceFields.officialIds,
            active: z.boolean(),
          })
          .partial(),
        response: { 200: contract.configuredService },
      },
    },
    async (req) => {
      requireActor(req);
      return updateService(ctx(req), req.params.id, req.body);
    },
  );

  r.get(
    '/api/appointments/services/:id/slots',
    {
      schema: {
        tags,
        summary:
          'Slots of a service with the seats left, in Morocco’s time and in the given time zone (public). Dates are Moroccan dates.',
        params: idParams,
        querystring: z.strictObject({
          from: isoDate.optional(),
          to: isoDate.optional(),
          timeZone: timeZoneSchema.default(MOROCCO_TZ),
          officialId: z.uuid().optional(),
        }),
        response: { 200: contract.slots },
      },
    },
    async (req) => listSlots(ctx(req), req.params.id, req.query),
  );

  r.get(
    '/api/appointments/officials',
    {
      schema: {
        tags: staffTags,
        summary: 'Officials of an institution (staff)',
        querystring: institutionQuery,
        response: { 200: itemsOf(contract.official) },
      },
    },
    async (req) => {
      requireActor(req);
      return { items: await listOfficials(ctx(req), req.query.institutionId) };
    },
  );

  r.post(
    '/api/appointments/officials',
    {
      schema: {
        tags: staffTags,
        summary: 'Make a staff member bookable, with a title and services (institution admin)',
        body: z.strictObject({
          institutionId: z.uuid(),
          accountId: z.uuid(),
          ...titles,
          serviceIds: z.array(z.uuid()).max(100).optional(),
        }),
        response: { 201: contract.officialRow },
      },
    },
    async (req, reply) => {
      requireActor(req);
      const { institutionId, ...input } = req.body;
      return reply.code(201).send(await upsertOfficial(ctx(req), institutionId, input));
    },
  );

  r.get(
    '/api/appointments/rules',
    {
      schema: {
        tags: staffTags,
        summary: 'Weekly opening hours and duty rotas (staff)',
        querystring: institutionQuery,
        response: { 200: itemsOf(contract.openingRule) },
      },
    },
    async (req) => {
      requireActor(req);
      return { items: await listRules(ctx(req), req.query.institutionId) };
    },
  );

  r.post(
    '/api/appointments/rules',
    {
      schema: {
        tags: staffTags,
        summary:
          'Add opening hours or a duty turn, in Morocco’s time; `everyWeeks` with `anchorDate` makes a rota (admin, supervisor)',
        body: ruleBody,
        response: { 201: contract.openingRule },
      },
    },
    async (req, reply) => {
      requireActor(req);
      const { institutionId, ...input } = req.body;
      return reply.code(201).send(await createRule(ctx(req), institutionId, input));
    },
  );

  r.delete(
    '/api/appointments/rules/:id',
    { schema: { tags: staffTags, params: idParams, response: { 204: noContent } } },
    async (req, reply) => {
      requireActor(req);
      await deleteRule(ctx(req), req.params.id);
      return reply.code(204).send();
    },
  );

  r.get(
    '/api/appointments/closures',
    {
      schema: {
        tags,
        summary: 'Holidays and closures (public)',
        querystring: z.strictObject({
          institutionId: z.uuid(),
          from: isoDate.optional(),
          to: isoDate.optional(),
        }),
        response: { 200: itemsOf(contract.closure) },
      },
    },
    async (req) => {
      const from = req.query.from ?? moroccoToday(currentTime());
      return {
        items: await listClosures(db, req.query.institutionId, from, req.query.to ?? addDays(from, 366)),
      };
    },
  );

  r.post(
    '/api/appointments/closures',
    {
      schema: {
        tags: staffTags,
        summary:
          'Close whole days (holiday, closure), for the institution or one service; lists the bookings hit',
        body: closureBody,
        response: { 201: contract.closureSet },
      },
    },
    async (req, reply) => {
      requireActor(req);
      const { institutionId, ...input } = req.body;
      return reply.code(201).send(await createClosure(ctx(req), institutionId, input));
    },
  );

  r.delete(
    '/api/appointments/closures/:id',
    { schema: { tags: staffTags, params: idParams, response: { 204: noContent } } },
    async (req, reply) => {
      requireActor(req);
      await deleteClosure(ctx(req), req.params.id);
      return reply.code(204).send();
    },
  );

  r.get(
    '/api/appointments/rota',
    {
      schema: {
        tags: staffTags,
        summary: 'Who is on duty when: opening hours and rotas as dated shifts (staff)',
        querystring: z.strictObject({ institutionId: z.uuid(), from: isoDate, to: isoDate }),
        response: { 200: contract.rota },
      },
    },
    async (req) => {
      requireActor(req);
      const { institutionId, from, to } = req.query;
      if (to < from || addDays(from, 62) < to)
        throw fail('appointment-range-too-long', { days: 62, count: 62 });
      return dutyRota(ctx(req), institutionId, from, to);
    },
  );

  availabilityRoutes(app, ctx);

  /* Bookings ----------------------------------------------------------------------------------- */

  r.post(
    '/api/appointments',
    {
      schema: {
        tags,
        summary:
          'Book a slot (signed-in citizen, e-mail confirmed); confirmation by e-mail with a calendar file, and by SMS or WhatsApp when chosen. 409 when the slot was just taken.',
        body: z.strictObject({
          serviceId: z.uuid(),
          startsAt: instant,
          officialId: z.uuid().nullish(),
          mode: z.enum(appointmentModes).default('in_person'),
          caseId: z.uuid().nullish(),
          timeZone: timeZoneSchema.default(MOROCCO_TZ),
          language: z.enum(languages).optional(),
          channels: z
            .array(z.enum(['email', 'sms', 'whatsapp']))
            .max(3)
            .optional()
            .describe(
              'Channels for this booking’s messages besides e-mail (which always goes); default: my preferences',
            ),
          note: safeText(1, 1000).optional(),
        }),
        response: { 201: contract.booking },
      },
    },
    async (req, reply) => {
      const actor = requireVerifiedCitizen(req);
      const b = req.body;
      const booked = await bookAppointment(ctx(req), { ...b, language: b.language ?? actor.language });
      return reply.code(201).send(booked);
    },
  );

  r.get(
    '/api/appointments',
    {
      schema: {
        tags,
        summary: 'The signed-in citizen’s own bookings (staff use the calendar)',
        querystring: z.strictObject({ when: z.enum(['upcoming', 'past', 'all']).default('upcoming') }),
        response: { 200: contract.bookings },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (actor.kind !== 'citizen') throw forbidden();
      return listMyAppointments(ctx(req), req.query.when);
    },
  );

  r.get(
    '/api/appointments/calendar',
    {
      schema: {
        tags: staffTags,
        summary:
          'A day or a week (Monday to Sunday) of bookings and duty shifts: an official sees their own, supervisors and the desk the whole service',
        querystring: z.strictObject({
          institutionId: z.uuid(),
          date: isoDate.optional(),
          view: z.enum(['day', 'week']).default('day'),
          serviceId: z.uuid().optional(),
          officialId: z.uuid().optional(),
        }),
        response: { 200: contract.staffCalendar },
      },
    },
    async (req) => {
      requireActor(req);
      const c = ctx(req);
      return staffCalendar(c, { ...req.query, date: req.query.date ?? moroccoToday(nowOf(c)) });
    },
  );

  r.get(
    '/api/appointments/figures',
    {
      schema: {
        tags: staffTags,
        summary: 'Bookings, no-shows and waiting time at the desk, per service and per day',
        querystring: z.strictObject({ institutionId: z.uuid(), from: isoDate, to: isoDate }),
        response: { 200: contract.appointmentFigures },
      },
    },
    async (req) => {
      requireActor(req);
      return appointmentFigures(ctx(req), req.query);
    },
  );

  r.get(
    '/api/appointments/:id',
    { schema: { tags, params: idParams, response: { 200: contract.booking } } },
    async (req) => {
      requireActor(req);
      return viewAppointment(ctx(req), req.params.id);
    },
  );

  r.get(
    '/api/appointments/:id/calendar.ics',
    {
      schema: {
        tags,
        summary: 'The booking as an iCalendar file',
        params: idParams,
        response: { 200: binary('text/calendar', 'The appointment as an iCalendar event') },
      },
    },
    async (req, reply) => {
      requireActor(req);
      const { reference, ics } = await appointmentIcs(ctx(req), req.params.id);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="${reference}.ics"`)
        .send(ics);
    },
  );

  r.post(
    '/api/appointments/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel: the citizen their own booking; staff with a reason (the citizen is told)',
        params: idParams,
        body: z.strictObject({ reason: safeText(1, 1000).optional() }),
        response: { 200: contract.booking },
      },
    },
    async (req) => {
      requireActor(req);
      return cancelAppointment(ctx(req), req.params.id, req.body.reason);
    },
  );

  r.post(
    '/api/appointments/:id/reschedule',
    {
      schema: {
        tags,
        summary: 'The citizen picks another slot of the same service',
        params: idParams,
        body: z.strictObject({ ...moveFields, version: z.number().int().positive().optional() }),
        response: { 200: contract.booking },
      },
    },
    async (req) => {
      requireActor(req);
      return rescheduleAppointment(ctx(req), req.params.id, req.body);
    },
  );

  r.post(
    '/api/appointments/:id/move',
    {
      schema: {
        tags: staffTags,
        summary:
          'Staff move a booking to another slot; the citizen gets the new time, the reason and a calendar update',
        params: idParams,
        body: z.strictObject({
          ...moveFields,
          version: z.number().int().positive(),
          reason: safeText(1, 1000),
        }),
        response: { 200: contract.booking },
      },
    },
    async (req) => {
      requireActor(req);
      return moveAppointment(ctx(req), req.params.id, req.body);
    },
  );

  r.post(
    '/api/appointments/:id/no-show',
    {
      schema: {
        tags: staffTags,
        summary: 'Record that a booked visitor did not come',
        params: idParams,
        response: { 200: contract.booking },
      },
    },
    async (req) => {
      requireActor(req);
      return markNoShow(ctx(req), req.params.id);
    },
  );

  const tokenParams = z.object({ token: z.string().min(40).max(120) });

  r.get(
    '/api/appointments/manage/:token',
    {
      config: linkLimit,
      schema: {
        tags,
        summary: 'The booking behind a link of a confirmation e-mail',
        params: tokenParams,
        response: { 200: contract.booking },
      },
    },
    async (req) => viewByToken(ctx(req), req.params.token),
  );

  r.post(
    '/api/appointments/manage/:token/cancel',
    {
      config: linkLimit,
      schema: {
        tags,
        summary: 'Cancel from the link of an e-mail, without signing in',
        params: tokenParams,
        response: { 200: contract.booking },
      },
    },
    async (req) => cancelByToken(ctx(req), req.params.token),
  );

  r.post(
    '/api/appointments/manage/:token/reschedule',
    {
      config: linkLimit,
      schema: {
        tags,
        summary: 'Choose another time from the link of an e-mail, without signing in',
        params: tokenParams,
        body: z.strictObject(moveFields),
        response: { 200: contract.booking },
      },
    },
    async (req) => rescheduleByToken(ctx(req), req.params.token, req.body),
  );

  /* Open days ---------------------------------------------------------------------------------- */

  r.get(
    '/api/appointments/events',
    {
      schema: {
        tags,
        summary: 'Open days and other events to come, with seats left per day (public)',
        querystring: z.strictObject({ institutionId: z.uuid().optional() }),
        response: { 200: contract.openDays },
      },
    },
    async (req) => ({
      items: await listEvents(db, { institutionId: req.query.institutionId, now: currentTime() }),
    }),
  );

  r.post(
    '/api/appointments/events',
    {
      schema: {
        tags: staffTags,
        summary:
          'Create an event: dates, places and seats per day, participating services (admin, supervisor)',
        body: z
          .strictObject({
            institutionId: z.uuid(),
            code: z.string().regex(/^[a-z0-9-]{2,40}$/),
            ...titles,
            descriptionAr: safeText(1, 4000).nullish(),
            descriptionFr: safeText(1, 4000).nullish(),
            descriptionEn: safeText(1, 4000).nullish(),
            startDate: isoDate,
            endDate: isoDate,
            serviceIds: z.array(z.uuid()).max(50).default([]),
            days: z.array(eventDay).min(1).max(60),
          })
          .refine((e) => e.startDate <= e.endDate, {
            path: ['endDate'],
            params: { key: 'validation.date_range' },
          }),
        response: { 201: contract.openDay },
      },
    },
    async (req, reply) => {
      requireActor(req);
      const { institutionId, ...input } = req.body;
      return reply.code(201).send(await createEvent(ctx(req), institutionId, input));
    },
  );

  r.get(
    '/api/appointments/events/:id',
    { schema: { tags, params: idParams, response: { 200: contract.openDay } } },
    async (req) => getEvent(db, req.params.id),
  );

  r.post(
    '/api/appointments/events/:id/registrations',
    {
      schema: {
        tags,
        summary: 'Register for one day of an event (signed-in citizen, e-mail confirmed)',
        params: idParams,
        body: z.strictObject({
          date: isoDate,
          serviceId: z.uuid().nullish(),
          language: z.enum(languages).optional(),
        }),
        response: { 201: contract.registration },
      },
    },
    async (req, reply) => {
      const actor = requireVerifiedCitizen(req);
      const reg = await registerForEvent(ctx(req), req.params.id, {
        ...req.body,
        language: req.body.language ?? actor.language,
      });
      return reply.code(201).send(reg);
    },
  );

  r.get(
    '/api/appointments/events/:id/days/:date/registrations',
    {
      schema: {
        tags: deskTags,
        summary: 'The list of one day of an event, for the desk',
        params: z.object({ id: z.uuid(), date: isoDate }),
        response: { 200: contract.eventDayList },
      },
    },
    async (req) => {
      requireActor(req);
      return eventDayList(ctx(req), req.params.id, req.params.date);
    },
  );

  r.get(
    '/api/appointments/event-registrations',
    {
      schema: {
        tags,
        summary: 'The signed-in citizen’s registrations',
        response: { 200: contract.myRegistrations },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (actor.kind !== 'citizen') throw forbidden();
      return myRegistrations(ctx(req));
    },
  );

  r.post(
    '/api/appointments/event-registrations/:id/cancel',
    { schema: { tags, params: idParams, response: { 200: contract.registration } } },
    async (req) => {
      requireActor(req);
      return cancelRegistration(ctx(req), req.params.id);
    },
  );

  /* The desk queue ------------------------------------------------------------------------------ */

  r.post(
    '/api/appointments/queue/check-in',
    {
      schema: {
        tags: deskTags,
        summary:
          'Check a visitor in and hand out a ticket: give one of appointmentId, eventRegistrationId, reference, or walkIn',
        body: z.strictObject({
          institutionId: z.uuid(),
          appointmentId: z.uuid().optional(),
          eventRegistrationId: z.uuid().optional(),
          reference: z.string().min(5).max(40).optional(),
          walkIn: z.strictObject({ name: safeText(1, 120), serviceId: z.uuid().nullish() }).optional(),
        }),
        response: { 201: contract.ticket },
      },
    },
    async (req, reply) => {
      requireActor(req);
      return reply.code(201).send(await checkIn(ctx(req), req.body));
    },
  );

  r.get(
    '/api/appointments/queue',
    {
      schema: {
        tags: deskTags,
        summary: 'Today’s queue (staff)',
        querystring: institutionQuery,
        response: { 200: contract.waitingRoom },
      },
    },
    async (req) => {
      requireActor(req);
      return queueState(ctx(req), req.query.institutionId);
    },
  );

  r.post(
    '/api/appointments/queue/call-next',
    {
      schema: {
        tags: deskTags,
        summary: 'Call the next visitor to a counter; `ticket` is null when nobody waits',
        body: z.strictObject({
          institutionId: z.uuid(),
          counter: safeText(1, 20),
          serviceId: z.uuid().optional(),
        }),
        response: { 200: contract.calledTicket },
      },
    },
    async (req) => {
      requireActor(req);
      return callNext(ctx(req), req.body);
    },
  );

  r.post(
    '/api/appointments/queue/tickets/:id/finish',
    {
      schema: {
        tags: deskTags,
        summary: 'Record the outcome of the visit in the visitor log',
        params: idParams,
        body: z.strictObject({ outcome: z.enum(visitOutcomes), note: safeText(1, 1000).optional() }),
        response: { 200: contract.ticket },
      },
    },
    async (req) => {
      requireActor(req);
      return finishTicket(ctx(req), req.params.id, req.body);
    },
  );

  r.post(
    '/api/appointments/queue/tickets/:id/no-show',
    {
      schema: {
        tags: deskTags,
        summary: 'The visitor called did not come to the counter',
        params: idParams,
        response: { 200: contract.ticket },
      },
    },
    async (req) => {
      requireActor(req);
      return ticketNoShow(ctx(req), req.params.id);
    },
  );

  r.get(
    '/api/appointments/queue/log',
    {
      schema: {
        tags: deskTags,
        summary: 'The visitor log of a day',
        querystring: z.strictObject({ institutionId: z.uuid(), date: isoDate.optional() }),
        response: { 200: contract.visitorLog },
      },
    },
    async (req) => {
      requireActor(req);
      const c = ctx(req);
      return visitorLog(c, req.query.institutionId, req.query.date ?? moroccoToday(nowOf(c)));
    },
  );

  r.get(
    '/api/appointments/queue/screen/:institutionId',
    {
      schema: {
        tags: deskTags,
        summary:
          'The waiting-room screen: tickets called and waiting, in Arabic and French, without names (public)',
        params: z.object({ institutionId: z.uuid() }),
        response: { 200: contract.waitingScreen },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return waitingRoomScreen({ db }, req.params.institutionId);
    },
  );
}
