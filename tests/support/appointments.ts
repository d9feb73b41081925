import { and, desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import ICAL from 'ical.js';
import type { Database } from '../../src/db/client.js';
import { accounts, citizenProfiles } from '../../src/modules/accounts/schema.js';
import { createSession } from '../../src/modules/accounts/service.js';
import { type NotificationEvent, notifications } from '../../src/modules/notifications/schema.js';
import { currentTime } from '../../src/shared/clock.js';
import { Client, idsByCode } from './platform.js';

/** The id of AUBM (the urban agency whose demo services the appointment tests use) and its services' by code. */
export async function aubmServices(app: FastifyInstance) {
  const aubm = (await idsByCode(app, '/api/institutions')).AUBM!;
  return { aubm, services: await idsByCode(app, `/api/appointments/services?institutionId=${aubm}`) };
}

/** The times of a service's office-hours slots (no official on duty) with both seats free, after `after` (ms). */
export async function freeOfficeSlots(app: FastifyInstance, serviceId: string, after: number) {
  const items = (await new Client(app).get(`/api/appointments/services/${serviceId}/slots`)).json().items as {
    startsAt: string;
    kind: string;
    seatsLeft: number;
  }[];
  return items
    .filter((s) => s.kind === 'office' && s.seatsLeft === 2 && Date.parse(s.startsAt) > after)
    .map((s) => s.startsAt);
}

/** Reads a calendar file with a real iCalendar parser. */
export function parseIcs(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  const vevent = cal.getFirstSubcomponent('vevent')!;
  const event = new ICAL.Event(vevent);
  return {
    method: String(cal.getFirstPropertyValue('method')),
    uid: event.uid,
    sequence: event.sequence,
    start: event.startDate.toJSDate(),
    end: event.endDate.toJSDate(),
    summary: event.summary,
    description: event.description,
    status: String(vevent.getFirstPropertyValue('status')),
  };
}

/**
 * Citizens with a confirmed e-mail address, signed in, created directly in the database (many of them,
 * quickly: no password hashing, no rate limit).
 */
export async function makeCitizens(
  app: FastifyInstance,
  database: Database,
  n: number,
  opts: { prefix?: string; verified?: boolean; lang?: 'ar' | 'fr' | 'en' } = {},
): Promise<(Client & { accountId: string; email: string })[]> {
  const prefix = opts.prefix ?? `c${Math.random().toString(36).slice(2, 8)}`;
  const out: (Client & { accountId: string; email: string })[] = [];
  for (let i = 0; i < n; i++) {
    const email = `${prefix}-${i}@example.org`;
    const [acc] = await database.db
      .insert(accounts)
      .values({
        kind: 'citizen',
        email,
        passwordHash: 'not-used',
        displayName: `Citoyen ${prefix} ${i}`,
        preferredLanguage: opts.lang ?? 'fr',
        emailVerifiedAt: opts.verified === false ? null : currentTime(),
      })
      .returning();
    await database.db.insert(citizenProfiles).values({ accountId: acc!.id, countryOfResidence: 'FR' });
    const session = await createSession(database.db, acc!.id, 2);
    const c = new Client(app, opts.lang ?? 'fr') as Client & { accountId: string; email: string };
    c.cookie = `jisr_session=${session.token}`;
    c.csrf = session.csrfToken;
    c.accountId = acc!.id;
    c.email = email;
    out.push(c);
  }
  return out;
}

/** The e-mails written to one address with one template, newest first. */
export async function mailsTo(database: Database, to: string, template: string) {
  return database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.toAddress, to), eq(notifications.event, template as NotificationEvent)))
    .orderBy(desc(notifications.createdAt));
}
