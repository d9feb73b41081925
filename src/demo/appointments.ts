/**
 * The demo's appointments, at the urban agency of Béni Mellal: its services, officials, opening hours and
 * rotas, public holidays, the summer open days, and a few bookings of the demo citizens.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { createStaffAccount } from '../modules/accounts/service.js';
import { bookAppointment } from '../modules/appointments/bookings.js';
import { createEvent, registerForEvent } from '../modules/appointments/events.js';
import { listSlots } from '../modules/appointments/free-times.js';
import { createClosure, createRule } from '../modules/appointments/opening-hours.js';
import { createService, upsertOfficial } from '../modules/appointments/services.js';
import { addDays, MOROCCO_TZ, wallClock, weekdayOf } from '../modules/appointments/tz.js';
import { listCases } from '../modules/cases/service.js';
import { departments } from '../modules/institutions/schema.js';
import { getInstitutionByCode } from '../modules/institutions/service.js';
import { currentTime } from '../shared/clock.js';
import { AUBM_DIVISIONS, createDepartments, names } from './bodies.js';
import { AUBM_DESK_STAFF, DEMO_PASSWORD, type DemoAccount, demoActor } from './people.js';

/** Public holidays on fixed dates: month-day, then the name in Arabic, French and English. */
const FIXED_HOLIDAYS: readonly (readonly [string, string, string, string])[] = [
  ['01-01', 'رأس السنة الميلادية', 'Nouvel an', 'New Year'],
  ['01-11', 'ذكرى تقديم وثيقة الاستقلال', 'Manifeste de l’indépendance', 'Independence Manifesto Day'],
  ['01-14', 'رأس السنة الأمازيغية', 'Nouvel an amazigh', 'Amazigh New Year'],
  ['05-01', 'عيد الشغل', 'Fête du travail', 'Labour Day'],
  ['07-30', 'عيد العرش', 'Fête du Trône', 'Throne Day'],
  ['08-14', 'ذكرى استرجاع إقليم وادي الذهب', 'Allégeance de Oued Eddahab', 'Oued Ed-Dahab Day'],
  [
    '08-20',
    'ذكرى ثورة الملك والشعب',
    'Révolution du Roi et du Peuple',
    'Revolution of the King and the People',
  ],
  ['08-21', 'عيد الشباب', 'Fête de la jeunesse', 'Youth Day'],
  ['11-06', 'ذكرى المسيرة الخضراء', 'Marche verte', 'Green March'],
  ['11-18', 'عيد الاستقلال', 'Fête de l’indépendance', 'Independence Day'],
];

/** Religious holidays by their date in the Umm al-Qura calendar (month/day). */
const RELIGIOUS_HOLIDAYS: Record<string, [string, string, string]> = {
  '10/1': ['عيد الفطر', 'Aïd al-Fitr', 'Eid al-Fitr'],
  '12/10': ['عيد الأضحى', 'Aïd al-Adha', 'Eid al-Adha'],
  '1/1': ['فاتح محرم', 'Nouvel an de l’Hégire', 'Islamic New Year'],
  '3/12': ['عيد المولد النبوي', 'Aïd al-Mawlid', 'The Prophet’s Birthday'],
};

/**
 * The appointments of the urban agency of Béni Mellal: its single window for Moroccans abroad, open
 * Monday to Friday 08:30–16:30, with after-hours duty until 18:00 and a Saturday 09:00–13:00 rota; a
 * meeting with an official; holidays; the open days of 8 to 12 August (10 August: the national day of
 * Moroccans living abroad); and a few bookings.
 */
export async function seedAppointmentsDemo(
  db: Db,
  secret: string,
  now = currentTime(),
): Promise<DemoAccount[]> {
  const out: DemoAccount[] = [];
  const aubm = (await getInstitutionByCode(db, 'AUBM'))!;
  const actor = (email: string) => demoActor(db, email);
  const depts = await db.transaction(async (tx) => {
    const d = await createDepartments(tx, aubm.id, AUBM_DIVISIONS);
    const [window] = await tx
      .select({ id: departments.id })
      .from(departments)
      .where(and(eq(departments.institutionId, aubm.id), eq(departments.code, 'mre-window')));
    d['mre-window'] = window!.id;
    for (const { email, displayName, role, department } of AUBM_DESK_STAFF) {
      await createStaffAccount(
        tx,
        {
          email,
          password: DEMO_PASSWORD,
          displayName,
          language: 'fr',
          memberships: [{ institutionId: aubm.id, departmentId: department ? d[department] : null, role }],
        },
        null,
        null,
      );
      out.push({ email, role, institution: 'AUBM' });
    }
    return d;
  });

  // one instant for the whole seed: the first free slot found is still bookable when it is booked, however
  // long the seeding takes (a running clock could carry it past the service's notice in between)
  const admin = {
    db,
    actor: await actor('admin@aubm.demo'),
    requestId: 'demo-seed',
    secret,
    now: () => now,
  };
  const window = await createService(admin, aubm.id, {
    code: 'guichet-mre',
    ...names('الشباك الوحيد لمغاربة العالم', 'Guichet unique MRE', 'Single window for Moroccans abroad'),
    departmentId: depts['mre-window'],
    bookWith: 'window',
    slotMinutes: 20,
    bufferMinutes: 5,
    capacity: 2,
    modes: ['in_person', 'video'],
    minNoticeMinutes: 120,
    horizonDays: 60,
    videoRoomBase: 'https://visio.aubm.example.ma',
  });
  const note = await createService(admin, aubm.id, {
    code: 'note-renseignements',
    ...names(
      'مذكرة المعلومات التعميرية',
      'Note de renseignements urbanistiques',
      'Planning information note',
    ),
    departmentId: depts.planning,
    bookWith: 'window',
    slotMinutes: 15,
    bufferMinutes: 0,
    capacity: 1,
    modes: ['in_person'],
    minNoticeMinutes: 240,
    horizonDays: 45,
  });
  const meeting = await createService(admin, aubm.id, {
    code: 'rdv-responsable',
    ...names('موعد مع مسؤول', 'Rendez-vous avec un responsable', 'Meeting with an official'),
    departmentId: null,
    bookWith: 'official',
    slotMinutes: 30,
    bufferMinutes: 10,
    capacity: 1,
    modes: ['in_person', 'video'],
    minNoticeMinutes: 24 * 60,
    horizonDays: 60,
    videoRoomBase: 'https://visio.aubm.example.ma',
  });
  const official = async (email: string, t: [string, string, string], serviceIds: string[]) =>
    upsertOfficial(admin, aubm.id, {
      accountId: (await actor(email)).accountId,
      titleAr: t[0],
      titleFr: t[1],
      titleEn: t[2],
      serviceIds,
    });
  const karim = await official(
    'guichet@aubm.demo',
    ['موظف الشباك الوحيد', 'Agent du guichet unique', 'Single window officer'],
    [window.id],
  );
  const hind = await official(
    'accueil@aubm.demo',
    ['مكلفة بالاستقبال', 'Chargée d’accueil', 'Reception officer'],
    [window.id],
  );
  const salma = await official(
    'urbaniste@aubm.demo',
    ['رئيسة قسم الدراسات والتعمير', 'Cheffe de la division des études et de l’urbanisme', 'Head of planning'],
    [meeting.id],
  );
  const mustapha = await official(
    'gestion@aubm.demo',
    ['رئيس مصلحة الرخص', 'Chef du service des autorisations', 'Head of permits'],
    [meeting.id, window.id],
  );

  const rule = (r: Parameters<typeof createRule>[2]) => createRule(admin, aubm.id, r);
  for (const weekday of [1, 2, 3, 4, 5]) {
    // Opening hours, for every service (each official of the meeting service is available then).
    await rule({ kind: 'office', weekday, startMinute: 8 * 60 + 30, endMinute: 16 * 60 + 30 });
  }
  // After-hours duty at the single window until 18:00, one counter: Karim Monday and Wednesday, Hind
  // Tuesday and Thursday, the two in turn on Fridays.
  const late = {
    kind: 'after_hours' as const,
    serviceId: window.id,
    startMinute: 16 * 60 + 30,
    endMinute: 18 * 60,
    capacity: 1,
  };
  await rule({ ...late, weekday: 1, officialId: karim.id });
  await rule({ ...late, weekday: 3, officialId: karim.id });
  await rule({ ...late, weekday: 2, officialId: hind.id });
  await rule({ ...late, weekday: 4, officialId: hind.id });
  await rule({ ...late, weekday: 5, officialId: karim.id, everyWeeks: 2, anchorDate: '2026-01-02' });
  await rule({ ...late, weekday: 5, officialId: hind.id, everyWeeks: 2, anchorDate: '2026-01-09' });
  // Saturday 09:00–13:00 at the single window, Karim and Mustapha every other week.
  const saturday = {
    kind: 'saturday' as const,
    serviceId: window.id,
    weekday: 6,
    startMinute: 9 * 60,
    endMinute: 13 * 60,
    capacity: 1,
    everyWeeks: 2,
  };
  await rule({ ...saturday, officialId: karim.id, anchorDate: '2026-01-03' });
  await rule({ ...saturday, officialId: mustapha.id, anchorDate: '2026-01-10' });

  // The open days: the next 8–12 August.
  const today = wallClock(now, MOROCCO_TZ).date;
  const year = Number(today.slice(0, 4)) + (today > `${today.slice(0, 4)}-08-12` ? 1 : 0);
  const openFrom = `${year}-08-08`;
  // The window also opens on the Sunday of the open days, with three counters.
  await rule({
    kind: 'special',
    serviceId: window.id,
    weekday: weekdayOf(openFrom),
    startMinute: 10 * 60,
    endMinute: 16 * 60,
    capacity: 3,
    validFrom: openFrom,
    validTo: openFrom,
  });

  // Public holidays from last month to the end of next year (and of the open days' year): fixed dates, and
  // religious ones from the Umm al-Qura calendar (the exact day follows the moon sighting announced by the
  // ministry).
  const thisYear = Number(today.slice(0, 4));
  const lastYear = Math.max(year, thisYear + 1);
  const holidays: [string, string, string, string][] = [];
  for (let y = thisYear - 1; y <= lastYear; y++) {
    for (const [md, ar, fr, en] of FIXED_HOLIDAYS) holidays.push([`${y}-${md}`, ar, fr, en]);
  }
  const hijri = new Intl.DateTimeFormat('en-US-u-ca-islamic-umalqura', {
    timeZone: 'UTC',
    month: 'numeric',
    day: 'numeric',
  });
  for (let d = `${thisYear - 1}-01-01`; d <= `${lastYear}-12-31`; d = addDays(d, 1)) {
    const name = RELIGIOUS_HOLIDAYS[hijri.format(new Date(`${d}T12:00:00Z`))];
    if (name) holidays.push([d, ...name]);
  }
  for (const [date, ar, fr, en] of holidays.filter(([d]) => d >= addDays(today, -31))) {
    await createClosure(admin, aubm.id, {
      kind: 'holiday',
      startDate: date,
      endDate: date,
      reasonAr: ar,
      reasonFr: fr,
      reasonEn: en,
    });
  }

  const place = (ar: string, fr: string, en: string) => ({ placeAr: ar, placeFr: fr, placeEn: en });
  const seat = place(
    'مقر الوكالة الحضرية لبني ملال',
    'Siège de l’Agence urbaine de Béni Mellal',
    'Béni Mellal urban agency head office',
  );
  const openDays = await createEvent(admin, aubm.id, {
    code: `portes-ouvertes-${year}`,
    titleAr: 'الأيام المفتوحة لفائدة مغاربة العالم',
    titleFr: 'Journées portes ouvertes pour les Marocains du monde',
    titleEn: 'Open days for Moroccans living abroad',
    descriptionAr: 'استقبال ومواكبة ملفات التعمير والبناء لمغاربة العالم خلال عطلتهم الصيفية.',
    descriptionFr:
      'Accueil et accompagnement des dossiers d’urbanisme et de construction des MRE pendant leurs vacances.',
    descriptionEn: 'Help with planning and building files for Moroccans abroad during their summer holidays.',
    startDate: openFrom,
    endDate: `${year}-08-12`,
    serviceIds: [window.id, note.id, meeting.id],
    days: [8, 9, 10, 11, 12].map((day) => {
      const date = `${year}-08-${String(day).padStart(2, '0')}`;
      const migrantDay = day === 10;
      return {
        date,
        startMinute: 9 * 60,
        endMinute: migrantDay ? 18 * 60 : 16 * 60,
        capacity: migrantDay ? 300 : 120,
        ...(migrantDay
          ? {
              labelAr: 'اليوم الوطني للمهاجر',
              labelFr: 'Journée nationale des Marocains résidant à l’étranger',
              labelEn: 'National day of Moroccans living abroad',
              ...place(
                'المركب الثقافي لبني ملال',
                'Complexe culturel de Béni Mellal',
                'Béni Mellal cultural centre',
              ),
            }
          : seat),
        address: migrantDay ? 'Avenue Mohammed VI, Béni Mellal' : 'Boulevard Mohammed V, Béni Mellal',
      };
    }),
  });

  // A few bookings: Khadija (Brussels) by video at the window for her open case, Fatima (Lyon) with the
  // head of planning, and Youssef (Madrid) registered for the national migrant day.
  const citizenCtx = async (email: string) => ({ ...admin, actor: await actor(email) });
  const khadija = await citizenCtx('khadija@example.be');
  const firstFree = async (serviceId: string, tz: string, officialId?: string) =>
    (await listSlots(khadija, serviceId, { timeZone: tz, officialId })).items.find((s) => s.seatsLeft > 0);
  const khadijaCase = (await listCases(khadija, { limit: 10 })).items.find(
    (c) => c.institutionId === aubm.id,
  );
  const slotK = await firstFree(window.id, 'Europe/Brussels');
  if (slotK)
    await bookAppointment(khadija, {
      serviceId: window.id,
      startsAt: new Date(slotK.startsAt),
      mode: 'video',
      caseId: khadijaCase?.id ?? null,
      timeZone: 'Europe/Brussels',
      language: 'fr',
    });
  const fatima = await citizenCtx('fatima@example.fr');
  const slotF = await firstFree(meeting.id, 'Europe/Paris', salma.id);
  if (slotF)
    await bookAppointment(fatima, {
      serviceId: meeting.id,
      officialId: salma.id,
      startsAt: new Date(slotF.startsAt),
      mode: 'in_person',
      timeZone: 'Europe/Paris',
      language: 'ar',
    });
  await registerForEvent(await citizenCtx('youssef@example.es'), openDays.id, {
    date: `${year}-08-10`,
    serviceId: meeting.id,
    language: 'fr',
  });
  return out;
}
