import { and, eq, notInArray, sql } from 'drizzle-orm';
import { type AgedCase, birthFields, fileAgedCase, filesWithAPast } from '../demo/aged-cases.js';
import type { Actor } from '../modules/accounts/actor.js';
import { hashPassword } from '../modules/accounts/passwords.js';
import {
  accounts,
  citizenProfiles,
  overseerScopes,
  type StaffRole,
  staffMemberships,
} from '../modules/accounts/schema.js';
import { actorOf, createStaffAccount, skeletonOf } from '../modules/accounts/service.js';
import { createEvent, registerForEvent } from '../modules/appointments/events.js';
import {
  bookAppointment,
  createClosure,
  createRule,
  createService,
  listSlots,
  upsertOfficial,
} from '../modules/appointments/service.js';
import { addDays, MOROCCO_TZ, wallClock, weekdayOf } from '../modules/appointments/tz.js';
import { listCases } from '../modules/cases/service.js';
import type { CaseAction } from '../modules/cases/state-machine.js';
import { saveTemplate } from '../modules/catalog/institution-settings.js';
import { getCategoryByCode } from '../modules/catalog/service.js';
import { departments, institutions } from '../modules/institutions/schema.js';
import {
  createDepartment,
  createInstitution,
  getInstitutionByCode,
} from '../modules/institutions/service.js';
import { runDeadlineWatch } from '../modules/workflow/deadline-watch.js';
import { currentTime } from '../shared/clock.js';
import type { Db } from './client.js';

export const DEMO_PASSWORD = 'Jisr-demo-2026';

export type DemoAccount = { email: string; role: string; institution: string };

const names = (ar: string, fr: string, en: string) => ({ nameAr: ar, nameFr: fr, nameEn: en });

/** Creates the demo bodies, staff, citizens and cases, once. Returns the accounts to print. */
export async function seedDemo(
  db: Db,
  secret: string,
  publicUrl = 'http://127.0.0.1:3000',
): Promise<DemoAccount[] | null> {
  const [existing] = await db.select({ n: sql<number>`count(*)::int` }).from(institutions);
  if (existing!.n > 0) return listDemoAccounts(db);
  const before = (await db.select({ id: accounts.id }).from(accounts)).map((a) => a.id);
  const out: DemoAccount[] = [];

  const inst = await db.transaction(async (tx) => {
    const aml = await createInstitution(
      tx,
      {
        code: 'AML',
        type: 'commune',
        territoryCode: '09.273.01.05',
        ...names('جماعة آيت ملول', 'Commune d’Aït Melloul', 'Aït Melloul commune'),
        email: 'mre@aitmelloul.example.ma',
      },
      null,
      null,
    );
    const depts: Record<string, string> = {};
    for (const [code, ar, fr, en] of [
      ['mre-desk', 'مكتب استقبال وتوجيه مغاربة العالم', 'Bureau d’accueil des MRE', 'MRE reception desk'],
      ['civil-status', 'مكتب الحالة المدنية', 'Bureau d’état civil', 'Civil status office'],
      ['legalisation', 'مكتب تصحيح الإمضاءات', 'Bureau de légalisation', 'Legalisation office'],
      ['urbanism', 'قسم التعمير', 'Service de l’urbanisme', 'Urban planning department'],
      [
        'legal-affairs',
        'قسم الشؤون القانونية',
        'Service des affaires juridiques',
        'Legal affairs department',
      ],
    ] as const) {
      depts[code] = (await createDepartment(tx, aml.id, { code, ...names(ar, fr, en) }, null, null)).id;
    }
    const aubm = await createInstitution(
      tx,
      {
        code: 'AUBM',
        type: 'urban_agency',
        territoryCode: '05.091.01.01',
        ...names('الوكالة الحضرية لبني ملال', 'Agence urbaine de Béni Mellal', 'Béni Mellal urban agency'),
      },
      null,
      null,
    );
    await createDepartment(
      tx,
      aubm.id,
      {
        code: 'mre-window',
        ...names('الشباك الوحيد لمغاربة العالم', 'Guichet unique MRE', 'MRE single window'),
      },
      null,
      null,
    );
    for (const [code, territoryCode, ar, fr, en] of [
      ['AUFBS', '05.255', 'ملحقة الفقيه بن صالح', 'Annexe de Fquih Ben Salah', 'Fquih Ben Salah annex'],
      ['AUAZ', '05.081', 'ملحقة أزيلال', 'Annexe d’Azilal', 'Azilal annex'],
      ['AUKH', '05.311', 'ملحقة خريبكة', 'Annexe de Khouribga', 'Khouribga annex'],
    ] as const) {
      await createInstitution(
        tx,
        {
          code,
          type: 'urban_agency',
          territoryCode,
          parentId: aubm.id,
          ...names(
            `الوكالة الحضرية لبني ملال - ${ar}`,
            `Agence urbaine de Béni Mellal – ${fr}`,
            `Béni Mellal urban agency – ${en}`,
          ),
        },
        null,
        null,
      );
    }
    const med = await createInstitution(
      tx,
      {
        code: 'MDSM',
        type: 'mediator_delegation',
        territoryCode: '09',
        ...names(
          'وسيط المملكة - المندوبية الجهوية سوس ماسة',
          'Médiateur du Royaume – délégation régionale Souss-Massa',
          'Ombudsman of the Kingdom – Souss-Massa regional delegation',
        ),
      },
      null,
      null,
    );
    const prov = await createInstitution(
      tx,
      {
        code: 'PIAM',
        type: 'prefecture_province',
        territoryCode: '09.273',
        ...names(
          'عمالة إنزكان آيت ملول',
          'Préfecture d’Inezgane-Aït Melloul',
          'Inezgane-Aït Melloul prefecture',
        ),
      },
      null,
      null,
    );

    const staff = async (
      email: string,
      displayName: string,
      role: StaffRole | 'overseer',
      institutionId: string | null,
      label: string,
      departmentId?: string,
      scope?: { scope: 'nation' | 'region' | 'province'; territoryCode: string | null },
    ) => {
      await createStaffAccount(
        tx,
        {
          email,
          password: DEMO_PASSWORD,
          displayName,
          language: 'fr',
          memberships:
            role === 'overseer' || !institutionId
              ? []
              : [{ institutionId, departmentId: departmentId ?? null, role }],
          scopes: scope ? [scope] : [],
        },
        null,
        null,
      );
      out.push({
        email,
        role:
          role === 'overseer'
            ? `overseer (${scope!.scope}${scope!.territoryCode ? ` ${scope!.territoryCode}` : ''})`
            : role,
        institution: label,
      });
    };
    await staff('accueil@aml.demo', 'Samira Ouhammou', 'reception_agent', aml.id, 'AML', depts['mre-desk']);
    await staff(
      'etatcivil@aml.demo',
      'Rachid Aït Brahim',
      'department_agent',
      aml.id,
      'AML',
      depts['civil-status'],
    );
    await staff(
      'legalisation@aml.demo',
      'Hassan Id Ali',
      'department_agent',
      aml.id,
      'AML',
      depts.legalisation,
    );
    await staff('urbanisme@aml.demo', 'Nadia Boutaleb', 'department_agent', aml.id, 'AML', depts.urbanism);
    await staff('chef@aml.demo', 'Mohamed Akhannouch', 'supervisor', aml.id, 'AML');
    await staff('admin@aml.demo', 'Latifa Ouaziz', 'institution_admin', aml.id, 'AML');
    await staff('audit@aml.demo', 'Omar Benali', 'auditor', aml.id, 'AML');
    await staff('guichet@aubm.demo', 'Karim El Idrissi', 'department_agent', aubm.id, 'AUBM');
    await staff('admin@aubm.demo', 'Souad Lahlou', 'institution_admin', aubm.id, 'AUBM');
    await staff('delegue@mediateur.demo', 'Aziz Tazi', 'department_agent', med.id, 'MDSM');
    await staff('province@piam.demo', 'Abdellah Rami', 'overseer', prov.id, 'PIAM', undefined, {
      scope: 'province',
      territoryCode: '09.273',
    });
    await staff('region@souss.demo', 'Meriem Alaoui', 'overseer', null, 'Souss-Massa', undefined, {
      scope: 'region',
      territoryCode: '09',
    });
    await staff('national@interieur.demo', 'Youssef Bennani', 'overseer', null, 'Ministry', undefined, {
      scope: 'nation',
      territoryCode: null,
    });
    for (const [language, title, body] of [
      [
        'fr',
        'Réponse favorable motivée',
        'Madame, Monsieur,\n\nEn réponse à votre demande {tracking} (« {subject} »), nous avons l’honneur de vous informer que, après examen, {body} y donne une suite favorable.\n\nBase légale : …\n\nDécision : …',
      ],
      [
        'ar',
        'جواب إيجابي معلل',
        'سيدتي، سيدي،\n\nجوابا على طلبكم {tracking} («{subject}»)، يشرفنا إخباركم أنه بعد الدراسة، قررت {body} الاستجابة لطلبكم.\n\nالأساس القانوني: …\n\nالقرار: …',
      ],
    ] as const) {
      await saveTemplate(tx, aml.id, { categoryId: null, language, title, body }, null, 'demo-seed');
    }
    return { aml, aubm, med, depts };
  });

  const hash = await hashPassword(DEMO_PASSWORD);
  const citizen = async (
    email: string,
    p: typeof citizenProfiles.$inferInsert extends infer T ? Omit<T & object, 'accountId'> : never,
    lang: 'ar' | 'fr' | 'en',
    display: string,
  ) => {
    const [acc] = await db
      .insert(accounts)
      .values({
        kind: 'citizen',
        email,
        passwordHash: hash,
        displayName: display,
        preferredLanguage: lang,
        emailVerifiedAt: currentTime(),
      })
      .returning();
    await db.insert(citizenProfiles).values({ accountId: acc!.id, ...p, nameSkeleton: skeletonOf(p) });
    out.push({ email, role: `citizen (${p.countryOfResidence})`, institution: '—' });
    return actorOf(db, acc!);
  };
  const fatima = await citizen(
    'fatima@example.fr',
    {
      givenNameAr: 'فاطمة',
      familyNameAr: 'الحسني',
      givenNameLatin: 'Fatima',
      familyNameLatin: 'El Hassani',
      birthDate: '1978-03-14',
      countryOfResidence: 'FR',
      addressAbroad: { lines: ['12 rue des Lilas'], city: 'Lyon', postalCode: '69003', country: 'FR' },
      phone: '+33612345678',
      replyChannels: ['email', 'whatsapp'],
      originCommuneCode: '09.273.01.05',
    },
    'ar',
    'Fatima El Hassani',
  );
  const youssef = await citizen(
    'youssef@example.es',
    {
      givenNameAr: 'يوسف',
      familyNameAr: 'أمزيان',
      givenNameLatin: 'Youssef',
      familyNameLatin: 'Amziane',
      birthDate: '1985-11-02',
      cin: 'JB123456',
      countryOfResidence: 'ES',
      addressAbroad: { lines: ['Calle Mayor 5, 2º B'], city: 'Madrid', postalCode: '28013', country: 'ES' },
      phone: '+34612345678',
      replyChannels: ['email', 'post'],
      originCommuneCode: '09.273.01.05',
    },
    'fr',
    'Youssef Amziane',
  );
  const khadija = await citizen(
    'khadija@example.be',
    {
      givenNameAr: 'خديجة',
      familyNameAr: 'بوزيد',
      givenNameLatin: 'Khadija',
      familyNameLatin: 'Bouzid',
      birthDate: '1990-06-21',
      countryOfResidence: 'BE',
      addressAbroad: { lines: ['Rue Haute 101'], city: 'Bruxelles', postalCode: '1000', country: 'BE' },
      phone: '+32471234567',
      replyChannels: ['email', 'phone'],
      originCommuneCode: '05.091.01.01',
    },
    'fr',
    'Khadija Bouzid',
  );

  const actor = async (email: string): Promise<Actor> => {
    const [a] = await db.select().from(accounts).where(eq(accounts.email, email));
    return actorOf(db, a!);
  };
  const agent = await actor('etatcivil@aml.demo');
  const chief = await actor('chef@aml.demo');
  const reception = await actor('accueil@aml.demo');
  const aubmAgent = await actor('guichet@aubm.demo');

  const cat = async (code: string) => (await getCategoryByCode(db, code))!;
  const birth = await cat('doc-etat-civil-extrait-acte-naissance');
  const complaint = await cat('complaint-delai-absence-reponse');
  const permit = await cat('doc-urbanisme-note-renseignements');

  type Plan = {
    by: Actor;
    inst: string;
    dept?: string;
    cat: typeof birth;
    subject: string;
    fields: Record<string, string | number>;
    steps: [CaseAction, Actor, string?][];
  };
  const ack: [CaseAction, Actor] = ['acknowledge', reception];
  const start: [CaseAction, Actor] = ['start', agent];
  const draft: [CaseAction, Actor, string] = [
    'submit_reply',
    agent,
    'Votre acte a été établi; il vous est envoyé par courrier.',
  ];
  const approve: [CaseAction, Actor] = ['approve_reply', chief];
  const plans: Plan[] = [
    {
      by: fatima,
      inst: inst.aml.id,
      dept: inst.depts['civil-status'],
      cat: birth,
      subject: 'نسخة موجزة من رسم الولادة',
      fields: birthFields,
      steps: [],
    },
    {
      by: fatima,
      inst: inst.aml.id,
      dept: inst.depts['civil-status'],
      cat: birth,
      subject: 'Extrait d’acte de naissance pour mon fils',
      fields: birthFields,
      steps: [ack],
    },
    {
      by: youssef,
      inst: inst.aml.id,
      dept: inst.depts['civil-status'],
      cat: birth,
      subject: 'Extrait d’acte de naissance',
      fields: birthFields,
      steps: [ack, start],
    },
    {
      by: youssef,
      inst: inst.aml.id,
      dept: inst.depts['civil-status'],
      cat: birth,
      subject: 'Copie pour dossier de retraite',
      fields: birthFields,
      steps: [ack, start, ['request_info', agent, 'Merci de joindre une copie de votre CIN.']],
    },
    {
      by: fatima,
      inst: inst.aml.id,
      dept: inst.depts['civil-status'],
      cat: birth,
      subject: 'Acte de naissance (mariage en France)',
      fields: birthFields,
      steps: [ack, start, draft],
    },
    {
      by: youssef,
      inst: inst.aml.id,
      dept: inst.depts['civil-status'],
      cat: complaint,
      subject: 'Aucune réponse à ma demande de 2025',
      fields: {},
      steps: [ack, start, draft, approve],
    },
    {
      by: fatima,
      inst: inst.aml.id,
      dept: inst.depts['civil-status'],
      cat: birth,
      subject: 'نسخة لملف التجمع العائلي',
      fields: birthFields,
      steps: [ack, start, ['mark_ready', agent]],
    },
    {
      by: youssef,
      inst: inst.aml.id,
      dept: inst.depts['civil-status'],
      cat: birth,
      subject: 'Acte pour renouvellement de passeport',
      fields: birthFields,
      steps: [ack, start, draft, approve, ['close', agent]],
    },
    {
      by: fatima,
      inst: inst.aml.id,
      dept: inst.depts['civil-status'],
      cat: complaint,
      subject: 'شكاية خارج اختصاص الجماعة',
      fields: {},
      steps: [['reject', agent, 'La demande concerne un jugement: hors compétence de la commune.']],
    },
    {
      by: youssef,
      inst: inst.aml.id,
      dept: inst.depts['civil-status'],
      cat: complaint,
      subject: 'Litige foncier avec l’administration des domaines',
      fields: {},
      steps: [ack, ['refer', agent, 'Orienté vers le Médiateur du Royaume, délégation Souss-Massa.']],
    },
    {
      by: fatima,
      inst: inst.aml.id,
      dept: inst.depts['civil-status'],
      cat: birth,
      subject: 'Demande faite en double',
      fields: birthFields,
      steps: [['withdraw', fatima]],
    },
    {
      by: youssef,
      inst: inst.aml.id,
      dept: inst.depts['civil-status'],
      cat: complaint,
      subject: 'Réponse incomplète sur mon dossier',
      fields: {},
      steps: [
        ack,
        start,
        draft,
        approve,
        ['reopen', youssef, 'La réponse ne traite pas de la deuxième demande.'],
      ],
    },
    {
      by: khadija,
      inst: inst.aubm.id,
      cat: permit,
      subject: 'Note de renseignements pour un terrain à Béni Mellal',
      fields: { location: 'Hay Ennour, Béni Mellal', surface_m2: 120 },
      steps: [
        ['acknowledge', aubmAgent],
        ['start', aubmAgent],
      ],
    },
  ];
  // the files of today, then files with a past (filed and handled on earlier days, by the same clock)
  const needsReason = (a: CaseAction) =>
    a === 'submit_reply' || a === 'return_reply' || a === 'request_info' || a === 'citizen_reply';
  const today: AgedCase[] = plans.map((p) => ({
    by: p.by,
    institutionId: p.inst,
    departmentId: p.dept,
    categoryId: p.cat.id,
    subject: p.subject,
    fields: p.fields,
    filedDaysAgo: 0,
    steps: p.steps.map(([action, by, reason]) => ({
      action,
      by,
      daysAgo: 0,
      reason: reason ?? (needsReason(action) ? '—' : undefined),
    })),
  }));
  const past = filesWithAPast(
    { fatima, youssef, khadija, agent, chief, reception, aubmAgent },
    { aml: inst.aml.id, civilStatus: inst.depts['civil-status']!, aubm: inst.aubm.id },
    { birth: birth.id, complaint: complaint.id, permit: permit.id },
  );
  for (const plan of [...today, ...past]) await fileAgedCase(db, secret, plan);
  // what is overdue is escalated now, as the worker would on its first round: the supervisors, then the
  // territory's overseers see it on the timeline and in their mail
  await runDeadlineWatch(db, currentTime(), publicUrl);
  await runDeadlineWatch(db, currentTime(), publicUrl);
  out.push(...(await seedAppointmentsDemo(db, secret)));
  // every account made here has the published password: marked, so that production refuses to start with them
  await db
    .update(accounts)
    .set({ isDemo: true })
    .where(before.length ? notInArray(accounts.id, before) : undefined);
  return out;
}

/**
 * The appointments of the urban agency of Béni Mellal: its single window for Moroccans abroad, open
 * Monday to Friday 08:30–16:30, with after-hours duty until 18:00 and a Saturday 09:00–13:00 rota; a
 * meeting with an official; holidays; the open days of 8 to 12 August (10 August: the national day of
 * Moroccans living abroad); and a few bookings.
 */
async function seedAppointmentsDemo(db: Db, secret: string, now = currentTime()): Promise<DemoAccount[]> {
  const out: DemoAccount[] = [];
  const aubm = (await getInstitutionByCode(db, 'AUBM'))!;
  const actor = async (email: string): Promise<Actor> => {
    const [a] = await db.select().from(accounts).where(eq(accounts.email, email));
    return actorOf(db, a!);
  };
  const depts = await db.transaction(async (tx) => {
    const d: Record<string, string> = {};
    for (const [code, ar, fr, en] of [
      [
        'planning',
        'قسم الدراسات والتعمير',
        'Division des études et de l’urbanisme',
        'Planning and studies division',
      ],
      [
        'urban-management',
        'قسم التدبير الحضري',
        'Division de la gestion urbaine',
        'Urban management division',
      ],
    ] as const) {
      d[code] = (await createDepartment(tx, aubm.id, { code, ...names(ar, fr, en) }, null, null)).id;
    }
    const [window] = await tx
      .select({ id: departments.id })
      .from(departments)
      .where(and(eq(departments.institutionId, aubm.id), eq(departments.code, 'mre-window')));
    d['mre-window'] = window!.id;
    for (const [email, displayName, role, dept] of [
      ['accueil@aubm.demo', 'Hind Moutaouakil', 'reception_agent', d['mre-window']],
      ['chef@aubm.demo', 'Abdelkrim Naciri', 'supervisor', null],
      ['audit@aubm.demo', 'Fouad Berrada', 'auditor', null],
      ['urbaniste@aubm.demo', 'Salma Bennis', 'department_agent', d.planning],
      ['gestion@aubm.demo', 'Mustapha Aït Lahcen', 'department_agent', d['urban-management']],
    ] as const) {
      await createStaffAccount(
        tx,
        {
          email,
          password: DEMO_PASSWORD,
          displayName,
          language: 'fr',
          memberships: [{ institutionId: aubm.id, departmentId: dept, role }],
        },
        null,
        null,
      );
      out.push({ email, role, institution: 'AUBM' });
    }
    return d;
  });

  const admin = { db, actor: await actor('admin@aubm.demo'), requestId: 'demo-seed', secret };
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
    for (const [md, ar, fr, en] of [
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
    ] as const)
      holidays.push([`${y}-${md}`, ar, fr, en]);
  }
  const hijri = new Intl.DateTimeFormat('en-US-u-ca-islamic-umalqura', {
    timeZone: 'UTC',
    month: 'numeric',
    day: 'numeric',
  });
  const religious: Record<string, [string, string, string]> = {
    '10/1': ['عيد الفطر', 'Aïd al-Fitr', 'Eid al-Fitr'],
    '12/10': ['عيد الأضحى', 'Aïd al-Adha', 'Eid al-Adha'],
    '1/1': ['فاتح محرم', 'Nouvel an de l’Hégire', 'Islamic New Year'],
    '3/12': ['عيد المولد النبوي', 'Aïd al-Mawlid', 'The Prophet’s Birthday'],
  };
  for (let d = `${thisYear - 1}-01-01`; d <= `${lastYear}-12-31`; d = addDays(d, 1)) {
    const name = religious[hijri.format(new Date(`${d}T12:00:00Z`))];
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

/** On later starts, the demo accounts still present (their e-mails end in `.demo` or are the demo citizens'). */
async function listDemoAccounts(db: Db): Promise<DemoAccount[]> {
  const rows = await db
    .select({
      email: accounts.email,
      country: citizenProfiles.countryOfResidence,
      role: staffMemberships.role,
      institution: institutions.code,
      scope: overseerScopes.scope,
      territory: overseerScopes.territoryCode,
    })
    .from(accounts)
    .leftJoin(citizenProfiles, eq(citizenProfiles.accountId, accounts.id))
    .leftJoin(staffMemberships, eq(staffMemberships.accountId, accounts.id))
    .leftJoin(institutions, eq(institutions.id, staffMemberships.institutionId))
    .leftJoin(overseerScopes, eq(overseerScopes.accountId, accounts.id))
    .where(eq(accounts.isDemo, true))
    .orderBy(sql`${accounts.kind} desc`, institutions.code, accounts.email);
  return rows.map((r) => ({
    email: r.email,
    role: r.country
      ? `citizen (${r.country})`
      : r.scope
        ? `overseer (${r.scope}${r.territory ? ` ${r.territory}` : ''})`
        : (r.role ?? 'staff'),
    institution: r.institution ?? '—',
  }));
}
