import { eq, sql } from 'drizzle-orm';
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
import { applyAction, createCase } from '../modules/cases/service.js';
import type { CaseAction } from '../modules/cases/state-machine.js';
import { saveTemplate } from '../modules/catalog/institution-settings.js';
import { getCategoryByCode } from '../modules/catalog/service.js';
import { institutions } from '../modules/institutions/schema.js';
import { createDepartment, createInstitution } from '../modules/institutions/service.js';
import type { Db } from './client.js';

export const DEMO_PASSWORD = 'Jisr-demo-2026';

export type DemoAccount = { email: string; role: string; institution: string };

const names = (ar: string, fr: string, en: string) => ({ nameAr: ar, nameFr: fr, nameEn: en });

/** Creates the demo bodies, staff, citizens and cases, once. Returns the accounts to print. */
export async function seedDemo(db: Db, secret: string): Promise<DemoAccount[] | null> {
  const [existing] = await db.select({ n: sql<number>`count(*)::int` }).from(institutions);
  if (existing!.n > 0) return listDemoAccounts(db);
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
        emailVerifiedAt: new Date(),
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
  const birthFields = {
    person_name: 'Fatima El Hassani',
    record_number: '1234',
    record_year: 1978,
    copies: 2,
  };
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
  for (const p of plans) {
    const res = await createCase(
      { db, actor: p.by, requestId: 'demo-seed', secret },
      {
        institutionId: p.inst,
        categoryId: p.cat.id,
        subject: p.subject,
        description: `${p.subject}. Demande déposée depuis l’étranger, merci de votre aide.`,
        fields: p.fields,
        replyChannels: ['email'],
        language: p.by.language,
        intakeChannel: 'web',
        requesterId: p.by.accountId,
        departmentId: p.dept ?? null,
      },
    );
    let version = res.case.version;
    for (const [action, by, reason] of p.steps) {
      const updated = await applyAction({ db, actor: by, requestId: 'demo-seed', secret }, res.case.id, {
        action,
        version,
        reason:
          reason ??
          (action === 'submit_reply' ||
          action === 'return_reply' ||
          action === 'request_info' ||
          action === 'citizen_reply'
            ? '—'
            : undefined),
      });
      version = updated.version;
    }
  }
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
    .where(
      sql`${accounts.email} like '%.demo' or ${accounts.email} in ('fatima@example.fr', 'youssef@example.es', 'khadija@example.be')`,
    )
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
