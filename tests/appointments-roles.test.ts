import { beforeAll, describe, expect, it } from 'vitest';
import { currentMillis } from '../src/shared/clock.js';
import { aubmServices, freeOfficeSlots, makeCitizens } from './support/appointments.js';
import { Client, signedIn, testDatabases, usePlatform } from './support/platform.js';

/** Everyone who may knock on the appointments routes. */
const people = [
  'anonymous',
  'citizen', // the booking's own citizen
  'otherCitizen',
  'reception', // AUBM reception agent, at the MRE window
  'windowAgent', // AUBM department agent without a department, official at the window
  'planner', // AUBM department agent of the planning division, official for meetings
  'supervisor',
  'admin',
  'auditor',
  'foreignStaff', // a supervisor of another body (AML)
  'overseer', // national overseer
] as const;
type Person = (typeof people)[number];
type Expect = Partial<Record<Person, number>> & { default: number };

const emails: Partial<Record<Person, string>> = {
  reception: 'accueil@aubm.demo',
  windowAgent: 'guichet@aubm.demo',
  planner: 'urbaniste@aubm.demo',
  supervisor: 'chef@aubm.demo',
  admin: 'admin@aubm.demo',
  auditor: 'audit@aubm.demo',
  foreignStaff: 'chef@aml.demo',
  overseer: 'national@interieur.demo',
};

describe.each(testDatabases())('who may use which appointments route, on %s', (kind) => {
  const p = usePlatform(kind);
  let aubm: string;
  let window: string;
  let meeting: string;
  let eventId: string;
  let eventDate: string;
  const clients: Partial<Record<Person, Client>> = {};
  let free: string[] = [];
  let n = 0;

  beforeAll(async () => {
    const anon = new Client(p.app);
    const found = await aubmServices(p.app);
    aubm = found.aubm;
    window = found.services['guichet-mre']!;
    meeting = found.services['rdv-responsable']!;
    const event = (await anon.get(`/api/appointments/events?institutionId=${aubm}`)).json().items[0];
    eventId = event.id;
    eventDate = event.days[1].date;
    clients.anonymous = anon;
    for (const [who, email] of Object.entries(emails)) clients[who as Person] = await signedIn(p.app, email);
    [clients.citizen, clients.otherCitizen] = await makeCitizens(p.app, p.database, 2, {
      prefix: `people-${kind}`,
    });
    // Office-hours slots of the window (no official on duty), one booking each, a day ahead or more.
    free = await freeOfficeSlots(p.app, window, currentMillis() + 86_400_000);
  });

  /** A fresh booking, by a fresh citizen, who then plays "citizen" in the row. */
  async function freshBooking() {
    const [owner] = await makeCitizens(p.app, p.database, 1, { prefix: `owner-${kind}-${n}` });
    const res = await owner!.post('/api/appointments', {
      serviceId: window,
      startsAt: free[n++ % free.length],
    });
    expect(res.statusCode, res.body).toBe(201);
    return { owner: owner!, booking: res.json() as { id: string; version: number } };
  }
  const who = (person: Person, owner?: Client) =>
    person === 'citizen' ? (owner ?? clients.citizen!) : clients[person]!;

  type Route = {
    name: string;
    expect: Expect;
    call: (c: Client, person: Person) => Promise<{ statusCode: number; body: string }>;
    /** Needs a booking of its own for each person. */
    fresh?: true;
  };
  const staffRead: Expect = {
    default: 403,
    anonymous: 401,
    reception: 200,
    windowAgent: 200,
    planner: 200,
    supervisor: 200,
    admin: 200,
    auditor: 200,
  };
  const defineAvailability: Expect = { default: 403, anonymous: 401, supervisor: 201, admin: 201 };
  const bookingRead: Expect = {
    default: 404,
    anonymous: 401,
    citizen: 200,
    reception: 200,
    windowAgent: 200,
    supervisor: 200,
    admin: 200,
    auditor: 200,
  };
  const staffMove: Expect = {
    default: 404,
    anonymous: 401,
    citizen: 403,
    windowAgent: 403,
    auditor: 403,
    reception: 200,
    supervisor: 200,
    admin: 200,
  };
  let code = 0;
  /** Something new to change or remove, made by the admin, so each person meets a thing that exists. */
  const fresh = async (what: 'rule' | 'closure' | 'official' | 'service') => {
    const admin = clients.admin!;
    const made =
      what === 'rule'
        ? await admin.post('/api/appointments/rules', {
            institutionId: aubm,
            serviceId: meeting,
            kind: 'special',
            weekday: 7,
            start: '10:00',
            end: '11:00',
            validFrom: '2031-01-01',
            validTo: '2031-01-31',
          })
        : what === 'closure'
          ? await admin.post('/api/appointments/closures', {
              institutionId: aubm,
              serviceId: meeting,
              kind: 'closure',
              startDate: '2031-06-01',
              endDate: '2031-06-02',
              reasonAr: 'إغلاق',
              reasonFr: 'Fermeture',
              reasonEn: 'Closed',
            })
          : what === 'official'
            ? await admin.post('/api/appointments/officials', {
                institutionId: aubm,
                accountId: (await admin.get(`/api/institutions/${aubm}/staff`))
                  .json()
                  .items.find((s: { email: string }) => s.email === 'chef@aubm.demo').id,
                titleAr: 'رئيس',
                titleFr: 'Chef',
                titleEn: 'Head',
              })
            : await admin.post('/api/appointments/services', {
                institutionId: aubm,
                code: `fresh-${code++}`,
                nameAr: 'خدمة',
                nameFr: 'Service',
                nameEn: 'Service',
                slotMinutes: 30,
              });
    expect(made.statusCode, made.body).toBe(201);
    return made.json().id as string;
  };
  const routes: Route[] = [
    {
      name: 'GET services',
      expect: { default: 200 },
      call: (c) => c.get(`/api/appointments/services?institutionId=${aubm}`),
    },
    {
      name: 'GET slots',
      expect: { default: 200 },
      call: (c) => c.get(`/api/appointments/services/${window}/slots`),
    },
    {
      name: 'GET closures',
      expect: { default: 200 },
      call: (c) => c.get(`/api/appointments/closures?institutionId=${aubm}`),
    },
    { name: 'GET events', expect: { default: 200 }, call: (c) => c.get('/api/appointments/events') },
    {
      name: 'GET event',
      expect: { default: 200 },
      call: (c) => c.get(`/api/appointments/events/${eventId}`),
    },
    {
      name: 'GET screen',
      expect: { default: 200 },
      call: (c) => c.get(`/api/appointments/queue/screen/${aubm}`),
    },
    {
      name: 'GET officials',
      expect: staffRead,
      call: (c) => c.get(`/api/appointments/officials?institutionId=${aubm}`),
    },
    {
      name: 'GET rules',
      expect: staffRead,
      call: (c) => c.get(`/api/appointments/rules?institutionId=${aubm}`),
    },
    {
      name: 'GET rota',
      expect: staffRead,
      call: (c) => c.get(`/api/appointments/rota?institutionId=${aubm}&from=2027-03-01&to=2027-03-07`),
    },
    {
      name: 'GET calendar',
      expect: staffRead,
      call: (c) => c.get(`/api/appointments/calendar?institutionId=${aubm}&view=week`),
    },
    {
      name: 'GET queue',
      expect: staffRead,
      call: (c) => c.get(`/api/appointments/queue?institutionId=${aubm}`),
    },
    {
      name: 'GET figures',
      expect: { default: 403, anonymous: 401, supervisor: 200, admin: 200, auditor: 200, overseer: 200 },
      call: (c) => c.get(`/api/appointments/figures?institutionId=${aubm}&from=2027-01-01&to=2027-01-31`),
    },
    {
      name: 'GET visitor log',
      expect: { default: 403, anonymous: 401, reception: 200, supervisor: 200, admin: 200, auditor: 200 },
      call: (c) => c.get(`/api/appointments/queue/log?institutionId=${aubm}`),
    },
    {
      name: 'GET own bookings',
      expect: { default: 403, anonymous: 401, citizen: 200, otherCitizen: 200 },
      call: (c) => c.get('/api/appointments'),
    },
    {
      name: 'GET event day list',
      expect: { default: 403, anonymous: 401, reception: 200, supervisor: 200, admin: 200, auditor: 200 },
      call: (c) => c.get(`/api/appointments/events/${eventId}/days/${eventDate}/registrations`),
    },
    {
      name: 'POST service',
      expect: { default: 403, anonymous: 401, admin: 201 },
      call: (c) =>
        c.post('/api/appointments/services', {
          institutionId: aubm,
          code: `role-${code++}`,
          nameAr: 'خدمة',
          nameFr: 'Service',
          nameEn: 'Service',
          slotMinutes: 30,
        }),
    },
    {
      name: 'POST rule',
      expect: defineAvailability,
      call: (c) =>
        c.post('/api/appointments/rules', {
          institutionId: aubm,
          serviceId: meeting,
          kind: 'special',
          weekday: 7,
          start: '10:00',
          end: '11:00',
          validFrom: '2030-01-01',
          validTo: '2030-01-31',
        }),
    },
    {
      name: 'POST closure',
      expect: defineAvailability,
      call: (c) =>
        c.post('/api/appointments/closures', {
          institutionId: aubm,
          serviceId: meeting,
          kind: 'closure',
          startDate: '2030-06-01',
          endDate: '2030-06-02',
          reasonAr: 'إغلاق',
          reasonFr: 'Fermeture',
          reasonEn: 'Closed',
        }),
    },
    {
      name: 'PATCH rule',
      expect: { ...defineAvailability, supervisor: 200, admin: 200 },
      call: async (c) => c.patch(`/api/appointments/rules/${await fresh('rule')}`, { end: '11:30' }),
    },
    {
      name: 'PATCH closure',
      expect: { ...defineAvailability, supervisor: 200, admin: 200 },
      call: async (c) =>
        c.patch(`/api/appointments/closures/${await fresh('closure')}`, { reasonFr: 'Autre' }),
    },
    {
      name: 'PATCH official',
      expect: { default: 403, anonymous: 401, admin: 200 },
      call: async (c) =>
        c.patch(`/api/appointments/officials/${await fresh('official')}`, { titleFr: 'Chef' }),
    },
    {
      name: 'DELETE official',
      expect: { default: 403, anonymous: 401, admin: 204 },
      call: async (c) =>
        c.request({ method: 'DELETE', url: `/api/appointments/officials/${await fresh('official')}` }),
    },
    {
      name: 'DELETE service',
      expect: { default: 403, anonymous: 401, admin: 204 },
      call: async (c) =>
        c.request({ method: 'DELETE', url: `/api/appointments/services/${await fresh('service')}` }),
    },
    {
      name: 'POST event',
      expect: defineAvailability,
      call: (c) =>
        c.post('/api/appointments/events', {
          institutionId: aubm,
          code: `role-event-${code++}`,
          titleAr: 'لقاء',
          titleFr: 'Rencontre',
          titleEn: 'Meeting',
          startDate: '2030-03-01',
          endDate: '2030-03-01',
          days: [
            {
              date: '2030-03-01',
              start: '10:00',
              end: '12:00',
              capacity: 10,
              placeAr: 'مقر',
              placeFr: 'Siège',
              placeEn: 'Office',
            },
          ],
        }),
    },
    {
      name: 'POST booking',
      expect: { default: 403, anonymous: 401, citizen: 201, otherCitizen: 201 },
      fresh: true,
      call: (c) => c.post('/api/appointments', { serviceId: window, startsAt: free[n++ % free.length] }),
    },
    {
      name: 'POST event registration',
      expect: { default: 403, anonymous: 401, citizen: 201, otherCitizen: 201 },
      fresh: true,
      call: (c) => c.post(`/api/appointments/events/${eventId}/registrations`, { date: eventDate }),
    },
    {
      name: 'POST check-in (walk-in)',
      expect: { default: 403, anonymous: 401, reception: 201, supervisor: 201 },
      call: (c) =>
        c.post('/api/appointments/queue/check-in', { institutionId: aubm, walkIn: { name: 'Visiteur' } }),
    },
    {
      name: 'POST call next',
      expect: {
        default: 403,
        anonymous: 401,
        reception: 200,
        windowAgent: 200,
        planner: 200,
        supervisor: 200,
      },
      call: (c) => c.post('/api/appointments/queue/call-next', { institutionId: aubm, counter: '1' }),
    },
  ];
  const bookingRoutes: Route[] = [
    { name: 'GET booking', expect: bookingRead, call: () => Promise.reject(), fresh: true },
    { name: 'GET booking calendar file', expect: bookingRead, call: () => Promise.reject(), fresh: true },
    { name: 'POST move', expect: staffMove, call: () => Promise.reject(), fresh: true },
    {
      name: 'POST cancel',
      expect: { ...staffMove, citizen: 200 },
      call: () => Promise.reject(),
      fresh: true,
    },
    {
      name: 'POST reschedule',
      expect: {
        default: 404,
        anonymous: 401,
        citizen: 200,
        reception: 403,
        windowAgent: 403,
        supervisor: 403,
        admin: 403,
        auditor: 403,
      },
      call: () => Promise.reject(),
      fresh: true,
    },
    {
      name: 'POST no-show (before the time)',
      expect: { ...staffMove, reception: 409, supervisor: 409, admin: 409 },
      call: () => Promise.reject(),
      fresh: true,
    },
  ];

  it.each(routes.map((r) => [r.name, r] as const))('%s', async (_name, route) => {
    for (const person of people) {
      // A route that changes a citizen's own things gets a fresh citizen, so limits do not interfere.
      const c =
        route.fresh && (person === 'citizen' || person === 'otherCitizen')
          ? (await makeCitizens(p.app, p.database, 1, { prefix: `row-${kind}-${n++}` }))[0]!
          : who(person);
      const res = await route.call(c, person);
      expect(res.statusCode, `${person}: ${res.body}`).toBe(route.expect[person] ?? route.expect.default);
    }
  });

  it.each(bookingRoutes.map((r) => [r.name, r] as const))('%s', async (name, route) => {
    for (const person of people) {
      const { owner, booking } = await freshBooking();
      const c = who(person, owner);
      const target = free[n++ % free.length];
      const res =
        name === 'GET booking'
          ? await c.get(`/api/appointments/${booking.id}`)
          : name === 'GET booking calendar file'
            ? await c.get(`/api/appointments/${booking.id}/calendar.ics`)
            : name === 'POST move'
              ? await c.post(`/api/appointments/${booking.id}/move`, {
                  startsAt: target,
                  version: 1,
                  reason: 'Réunion',
                })
              : name === 'POST cancel'
                ? await c.post(`/api/appointments/${booking.id}/cancel`, { reason: 'Fermeture' })
                : name === 'POST reschedule'
                  ? await c.post(`/api/appointments/${booking.id}/reschedule`, { startsAt: target })
                  : await c.post(`/api/appointments/${booking.id}/no-show`, {});
      expect(res.statusCode, `${person}: ${res.body}`).toBe(route.expect[person] ?? route.expect.default);
    }
  });
});
