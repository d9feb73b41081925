import { and, eq, inArray } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { citizenProfiles } from '../src/modules/accounts/schema.js';
import { sendDueReminders } from '../src/modules/appointments/jobs.js';
import { deliverDueNotifications } from '../src/modules/notifications/delivery.js';
import { notifySettings } from '../src/modules/notifications/outbox.js';
import { parseQuietHours } from '../src/modules/notifications/quiet-hours.js';
import { notifications } from '../src/modules/notifications/schema.js';
import { currentMillis } from '../src/shared/clock.js';
import { aubmServices, freeOfficeSlots, makeCitizens } from './support/appointments.js';
import { testDelivery } from './support/outbox.js';
import { Client, signedIn, testDatabases, usePlatform, useWorker } from './support/platform.js';
import { useMessagingProviders } from './support/providers.js';

const PUBLIC = 'https://jisr.example.ma';
const HOUR = 3_600_000;
/** The clock of an instant in a zone, from Intl: the test's own reading of the tz database. */
const clock = (at: Date | string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(at),
  );

describe.each(testDatabases())('appointment messages on SMS and WhatsApp, on %s', (kind) => {
  const providers = useMessagingProviders();
  const p = usePlatform(kind, () => ({
    env: { PUBLIC_URL: PUBLIC, QUIET_HOURS: '', ...providers.env() },
  }));
  const worker = useWorker(p, { scheduled: false });
  let aubm: string;
  let window: string;
  let free: string[] = [];
  let n = 0;
  const citizenIds: string[] = [];

  beforeAll(async () => {
    const found = await aubmServices(p.app);
    aubm = found.aubm;
    window = found.services['guichet-mre']!;
    // Office-hours times of the window two days ahead or more, one booking each.
    free = await freeOfficeSlots(p.app, window, currentMillis() + 2 * 24 * HOUR);
  });
  afterEach(() => {
    notifySettings.quietHours = null;
  });

  /** A citizen with a confirmed address and, if given, a mobile number in their profile. */
  async function citizen(lang: 'ar' | 'fr', phone: string | null, channels?: string[]) {
    const [c] = await makeCitizens(p.app, p.database, 1, { prefix: `notify-${kind}-${n++}`, lang });
    citizenIds.push(c!.accountId);
    if (phone)
      await p.database.db
        .update(citizenProfiles)
        .set({ phone })
        .where(eq(citizenProfiles.accountId, c!.accountId));
    if (channels) {
      const res = await c!.request({
        method: 'PUT',
        url: '/api/me/notification-preferences',
        payload: { channels },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    return c!;
  }
  const book = async (c: Client, body: Record<string, unknown> = {}) => {
    const res = await c.post('/api/appointments', { serviceId: window, startsAt: free[n++], ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; reference: string; startsAt: string; version: number };
  };
  const rows = (bookingRef: string) =>
    p.database.db
      .select()
      .from(notifications)
      .where(inArray(notifications.recipientId, citizenIds))
      .then((all) => all.filter((r) => r.textBody.includes(bookingRef) || r.subject.includes(bookingRef)));
  const smsTo = (phone: string) => providers.gateway.delivered.filter((d) => d.to === phone);
  const whatsappTo = (phone: string) => providers.graph.sent.filter((m) => m.to === phone.replace('+', ''));
  const manageLink = (text: string) =>
    new RegExp(`${PUBLIC}/appointments/manage/([^\\s?]+)(?=\\s|$)`).exec(text)?.[1];

  it('confirms, moves and cancels on the SMS chosen in the preferences, in French, with the link to manage it', async () => {
    const phone = '+33611000001';
    const c = await citizen('fr', phone, ['email', 'sms']);
    const b = await book(c);
    // written with the booking: the e-mail and the SMS, nothing on WhatsApp
    const written = await rows(b.reference);
    expect(written.map((r) => `${r.event}/${r.channel}`).sort()).toEqual([
      'appointment_booked/email',
      'appointment_booked/sms',
    ]);
    await worker.tick();
    const [confirmed] = smsTo(phone);
    expect(confirmed, 'the gateway received the SMS').toBeDefined();
    expect(confirmed!.text).toContain(`rendez-vous ${b.reference} confirmé`);
    expect(confirmed!.text).toContain(`${clock(b.startsAt, 'Africa/Casablanca')} (heure du Maroc)`);
    // the link in the SMS opens the booking, without signing in
    const token = manageLink(confirmed!.text)!;
    const viewed = await new Client(p.app).get(`/api/appointments/manage/${token}`);
    expect(viewed.statusCode, viewed.body).toBe(200);
    expect(viewed.json().reference).toBe(b.reference);
    expect(whatsappTo(phone)).toEqual([]);

    const target = free[n++]!;
    const moved = await c.post(`/api/appointments/${b.id}/reschedule`, { startsAt: target });
    expect(moved.statusCode, moved.body).toBe(200);
    const cancelled = await c.post(`/api/appointments/${b.id}/cancel`, {});
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    await worker.tick();
    const texts = smsTo(phone).map((d) => d.text);
    expect(texts).toHaveLength(3);
    expect(texts[1]).toContain(`votre rendez-vous ${b.reference} est déplacé au`);
    expect(texts[1]).toContain(clock(target, 'Africa/Casablanca'));
    expect(texts[1]).toContain('Motif : À votre demande');
    expect(texts[2]).toContain(`votre rendez-vous ${b.reference} du`);
    expect(texts[2]).toContain('est annulé');
    expect(texts[2]).toContain(`Pour reprendre rendez-vous : ${PUBLIC}/appointments`);
    const sent = await rows(b.reference);
    expect(sent.filter((r) => r.channel === 'sms').every((r) => r.status === 'sent')).toBe(true);
    expect(sent.filter((r) => r.channel === 'email')).toHaveLength(3);
  });

  it('confirms in Arabic on the WhatsApp chosen when booking; a later change of preferences wins over it', async () => {
    const phone = '+212612000002';
    const c = await citizen('ar', phone);
    const b = await book(c, { channels: ['email', 'whatsapp'], timeZone: 'Europe/Paris', language: 'ar' });
    await worker.tick();
    const [msg] = whatsappTo(phone);
    expect(msg, 'the Cloud API received the template message').toBeDefined();
    expect(msg!.template.name).toBe('jisr_appointment_booked');
    expect(msg!.template.language.code).toBe('ar');
    const params = msg!.template.components[0]!.parameters.map((x) => x.text);
    expect(params).toHaveLength(7);
    expect(params.slice(1, 3)).toEqual(['الوكالة الحضرية لبني ملال', 'الشباك الوحيد لمغاربة العالم']);
    expect(params[3]).toContain('(بتوقيت المغرب)');
    expect(params[3]).toContain(clock(b.startsAt, 'Europe/Paris'));
    expect(params[4]).toContain('حضوريا');
    expect(params[5]).toBe(b.reference);
    expect(params[6]).toMatch(new RegExp(`^${PUBLIC}/appointments/manage/`));
    // the text kept in the outbox is the Arabic short wording
    const [row] = (await rows(b.reference)).filter((r) => r.channel === 'whatsapp');
    expect(row!.textBody).toContain(`تم تأكيد موعدك ${b.reference}`);
    expect(smsTo(phone)).toEqual([]);

    // the citizen then asks for e-mail only: the desk's move reaches them by e-mail alone
    const prefs = await c.request({
      method: 'PUT',
      url: '/api/me/notification-preferences',
      payload: { channels: ['email'] },
    });
    expect(prefs.statusCode, prefs.body).toBe(200);
    const desk = await signedIn(p.app, 'accueil@aubm.demo');
    const moved = await desk.post(`/api/appointments/${b.id}/move`, {
      startsAt: free[n++],
      version: b.version,
      reason: 'Absence de l’agent',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    await worker.tick();
    expect(whatsappTo(phone)).toHaveLength(1);
    const movedRows = (await rows(b.reference)).filter((r) => r.event === 'appointment_moved');
    expect(movedRows.map((r) => r.channel)).toEqual(['email']);
  });

  it('refuses SMS at booking without a mobile number, next to the field, in the citizen’s language', async () => {
    const c = await citizen('fr', null);
    const res = await c.post('/api/appointments', {
      serviceId: window,
      startsAt: free[n],
      channels: ['sms'],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      expect.objectContaining({
        pointer: '/body/channels',
        message:
          'Pour recevoir des SMS ou des messages WhatsApp, ajoutez d’abord votre numéro de mobile dans « Mes informations ».',
      }),
    ]);
    // nothing was booked, nothing written
    expect((await c.get('/api/appointments')).json().items).toEqual([]);
  });

  it('reminds the day before and an hour before on SMS and WhatsApp; quiet hours hold the first till morning, never the second', async () => {
    const phone = '+15145550003';
    const c = await citizen('fr', phone, ['email', 'sms', 'whatsapp']);
    // the first office time of a day (08:30 in Morocco): the night before 03:00 in Montreal
    const early = free.filter((s) => clock(s, 'Africa/Casablanca') === '08:30' && free.indexOf(s) >= n);
    const b = await book(c, { startsAt: early[0], timeZone: 'America/Montreal' });
    const starts = new Date(b.startsAt);
    await worker.tick(); // the confirmations
    expect(smsTo(phone)).toHaveLength(1);
    expect(whatsappTo(phone).map((m) => m.template.name)).toEqual(['jisr_appointment_booked']);
    notifySettings.quietHours = parseQuietHours('21:00-08:00');
    const ctx = { secret: p.config.secret, publicUrl: PUBLIC, organizerEmail: 'no-reply@jisr.test' };

    // the day before, 23 hours ahead: it is night in Montreal; the SMS and WhatsApp wait for 08:00 there
    const dayNow = new Date(starts.getTime() - 23 * HOUR);
    expect(await sendDueReminders(p.database.db, ctx, dayNow)).toBeGreaterThan(0);
    const day = (await rows(b.reference)).filter((r) => r.event === 'appointment_reminder_day');
    expect(day.map((r) => r.channel).sort()).toEqual(['email', 'sms', 'whatsapp']);
    for (const r of day) {
      if (r.channel === 'email') expect(r.nextAttemptAt.getTime()).toBe(dayNow.getTime());
      else {
        expect(clock(r.nextAttemptAt, 'America/Toronto')).toBe('08:00');
        expect(r.nextAttemptAt.getTime()).toBeGreaterThan(dayNow.getTime());
        expect(r.nextAttemptAt.getTime()).toBeLessThan(starts.getTime() - HOUR);
      }
    }
    // the worker at 08:00 in Montreal sends them
    const morning = day.find((r) => r.channel === 'sms')!.nextAttemptAt;
    const delivery = { ...testDelivery, quietHours: parseQuietHours('21:00-08:00') };
    await deliverDueNotifications(p.database.db, worker.adapters, { ...delivery, now: () => morning });
    expect(smsTo(phone).map((d) => d.text)).toEqual([
      expect.stringContaining(`rendez-vous ${b.reference} confirmé`),
      expect.stringContaining(`Rappel : rendez-vous ${b.reference} demain`),
    ]);
    expect(whatsappTo(phone).map((m) => m.template.name)).toEqual([
      'jisr_appointment_booked',
      'jisr_appointment_reminder_day',
    ]);

    // 50 minutes before: still night in Montreal, but waiting for the morning would be after the appointment
    const hourNow = new Date(starts.getTime() - 50 * 60_000);
    expect(await sendDueReminders(p.database.db, ctx, hourNow)).toBeGreaterThan(0);
    const hour = (await rows(b.reference)).filter((r) => r.event === 'appointment_reminder_hour');
    expect(hour.map((r) => r.channel).sort()).toEqual(['email', 'sms', 'whatsapp']);
    expect(hour.every((r) => r.nextAttemptAt.getTime() === hourNow.getTime())).toBe(true);
    await deliverDueNotifications(p.database.db, worker.adapters, { ...delivery, now: () => hourNow });
    const last = smsTo(phone).at(-1)!;
    // the body's name with its article: « auprès de la Commune… », « du Guichet… », never « de Agence »
    expect(last.text).toMatch(new RegExp(`Votre rendez-vous ${b.reference} auprès (du |de la |de l’)`));
    expect(last.text).toContain('commence dans une heure');
    expect(last.text).toContain(`${clock(starts, 'America/Toronto')} chez vous (America/Toronto)`);
    const wa = whatsappTo(phone).at(-1)!;
    expect(wa.template.name).toBe('jisr_appointment_reminder_hour');
    expect(wa.template.language.code).toBe('fr');
    // each reminder once, whatever the worker does again
    expect(await sendDueReminders(p.database.db, ctx, hourNow)).toBe(0);
    expect(
      await p.database.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.event, 'appointment_reminder_hour'), eq(notifications.toAddress, phone))),
    ).toHaveLength(2);
  });

  it('lists the booking messages in the template editor; a reworded SMS is what the citizen receives', async () => {
    const admin = await signedIn(p.app, 'admin@aubm.demo', 'fr');
    const base = `/api/institutions/${aubm}/notification-templates`;
    const list = (await admin.get(`${base}?event=appointment_booked`)).json().items as {
      channel: string;
      language: string;
      subject: string | null;
      body: string;
      placeholders: string[];
    }[];
    expect(list.map((t) => `${t.channel}/${t.language}`).sort()).toEqual(
      ['email', 'sms', 'whatsapp'].flatMap((ch) => ['ar', 'en', 'fr'].map((l) => `${ch}/${l}`)).sort(),
    );
    const smsAr = list.find((t) => t.channel === 'sms' && t.language === 'ar')!;
    expect(smsAr).toMatchObject({ subject: null });
    expect(smsAr.body).toContain('{url}');
    expect(list.find((t) => t.channel === 'email' && t.language === 'fr')!.subject).toBe(
      'Votre rendez-vous {reference} est confirmé',
    );
    expect(smsAr.placeholders).toEqual(
      expect.arrayContaining(['reference', 'when', 'how', 'url', 'bookUrl']),
    );
    const all = (await admin.get(base)).json().items as { event: string }[];
    for (const e of [
      'appointment_moved',
      'appointment_cancelled',
      'appointment_reminder_day',
      'appointment_reminder_hour',
    ])
      expect(all.filter((t) => t.event === e)).toHaveLength(9);

    const put = (channel: string, body: Record<string, string>) =>
      admin.request({ method: 'PUT', url: `${base}/appointment_booked/${channel}/fr`, payload: body });
    const post = await put('post', { subject: 'RDV', body: '{reference}' });
    expect(post.statusCode).toBe(422);
    expect(post.json().detail).toBe('Ce message n’est pas envoyé par ce canal.');
    const unknown = await put('sms', { body: 'Dossier {tracking}' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().detail).toContain('{tracking}');
    const saved = await put('sms', { body: 'AUBM : RDV {reference} le {when}. Gérer : {url}' });
    expect(saved.statusCode, saved.body).toBe(200);
    const preview = await admin.post(`${base}/preview`, {
      event: 'appointment_reminder_hour',
      channel: 'whatsapp',
      language: 'ar',
    });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().text).toContain('AML-RDV-2026-00042');

    const phone = '+33611000004';
    const c = await citizen('fr', phone, ['sms']);
    const b = await book(c);
    await worker.tick();
    const [sms] = smsTo(phone);
    expect(sms!.text).toMatch(
      new RegExp(
        `^AUBM : RDV ${b.reference} le .+ \\(heure du Maroc\\)\\. Gérer : ${PUBLIC}/appointments/manage/\\S+$`,
      ),
    );
    // e-mail always goes too, with the calendar file
    const email = (await rows(b.reference)).find((r) => r.channel === 'email');
    expect(email!.ics).toContain('BEGIN:VCALENDAR');
    expect(
      (await admin.request({ method: 'DELETE', url: `${base}/appointment_booked/sms/fr` })).statusCode,
    ).toBe(204);
  });
});
