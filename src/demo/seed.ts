/**
 * The demo: its bodies, people, files and appointments, seeded once on a new database (never in
 * production); on later starts, the list of its accounts.
 */
import { eq, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { hashPassword } from '../modules/accounts/passwords.js';
import { accounts, citizenProfiles, overseerScopes, staffMemberships } from '../modules/accounts/schema.js';
import { actorOf, createStaffAccount, skeletonOf } from '../modules/accounts/service.js';
import { saveTemplate } from '../modules/catalog/institution-settings.js';
import { getCategoryByCode } from '../modules/catalog/service.js';
import { institutions } from '../modules/institutions/schema.js';
import { runDeadlineWatch } from '../modules/workflow/deadline-watch.js';
import { sendEscalationDigests } from '../modules/workflow/escalation-digest.js';
import { currentTime } from '../shared/clock.js';
import { fileAgedCase, filesWithAPast } from './aged-cases.js';
import { seedAppointmentsDemo } from './appointments.js';
import { createDemoBodies } from './bodies.js';
import { filesOfToday, REPLY_TEMPLATES } from './cases.js';
import { seedLegalBases } from './legal-bases.js';
import {
  DEMO_CITIZENS,
  DEMO_PASSWORD,
  DEMO_STAFF,
  type DemoAccount,
  type DemoCitizen,
  demoActor,
} from './people.js';

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
    const bodies = await createDemoBodies(tx);
    const ids: Record<string, string> = { AML: bodies.aml.id, AUBM: bodies.aubm.id, MDSM: bodies.med.id };
    for (const s of DEMO_STAFF) {
      await createStaffAccount(
        tx,
        {
          email: s.email,
          password: DEMO_PASSWORD,
          displayName: s.displayName,
          language: 'fr',
          memberships:
            s.role === 'overseer'
              ? []
              : [
                  {
                    institutionId: ids[s.institution]!,
                    departmentId: s.department ? bodies.depts[s.department] : null,
                    role: s.role,
                  },
                ],
          scopes: s.role === 'overseer' ? [s.scope] : [],
        },
        null,
        null,
      );
      out.push({
        email: s.email,
        role:
          s.role === 'overseer'
            ? `overseer (${s.scope.scope}${s.scope.territoryCode ? ` ${s.scope.territoryCode}` : ''})`
            : s.role,
        institution: s.role === 'overseer' ? s.label : s.institution,
      });
    }
    for (const { language, title, body, parts } of REPLY_TEMPLATES) {
      await saveTemplate(
        tx,
        bodies.aml.id,
        { categoryId: null, language, title, body, parts },
        null,
        'demo-seed',
      );
    }
    await seedLegalBases(tx, bodies.aml.id);
    return bodies;
  });

  const hash = await hashPassword(DEMO_PASSWORD);
  const citizen = async ({ email, profile: p, language: lang, displayName: display }: DemoCitizen) => {
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
  const fatima = await citizen(DEMO_CITIZENS.fatima);
  const youssef = await citizen(DEMO_CITIZENS.youssef);
  const khadija = await citizen(DEMO_CITIZENS.khadija);

  const actor = (email: string) => demoActor(db, email);
  const agent = await actor('etatcivil@aml.demo');
  const chief = await actor('chef@aml.demo');
  const reception = await actor('accueil@aml.demo');
  const aubmAgent = await actor('guichet@aubm.demo');

  const cat = async (code: string) => (await getCategoryByCode(db, code))!;
  const birth = await cat('doc-etat-civil-extrait-acte-naissance');
  const complaint = await cat('complaint-delai-absence-reponse');
  const permit = await cat('doc-urbanisme-note-renseignements');

  // the files of today, then files with a past (filed and handled on earlier days, by the same clock)
  const people = { fatima, youssef, khadija, agent, chief, reception, aubmAgent };
  const places = { aml: inst.aml.id, civilStatus: inst.depts['civil-status']!, aubm: inst.aubm.id };
  const categories = { birth: birth.id, complaint: complaint.id, permit: permit.id };
  const today = filesOfToday(people, places, categories);
  const past = filesWithAPast(people, places, categories);
  for (const plan of [...today, ...past]) await fileAgedCase(db, secret, plan);
  // what is overdue is escalated now, as the worker would on its first round: the supervisors, then the
  // territory's overseers see it on the timeline and in their day's digest (sent now, whatever the hour, once
  // every account is made)
  await runDeadlineWatch(db, currentTime(), publicUrl);
  out.push(...(await seedAppointmentsDemo(db, secret)));
  await sendEscalationDigests(db, currentTime(), publicUrl, { fromHour: 0 });
  // every account made here has the published password: marked, so that production refuses to start with them
  await db
    .update(accounts)
    .set({ isDemo: true })
    .where(before.length ? notInArray(accounts.id, before) : undefined);
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
