/**
 * The demo's people: the staff of each body, the overseers of a province, a region and the nation, and
 * three citizens living abroad. Every account has the published password.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { Actor } from '../modules/accounts/actor.js';
import { accounts, type citizenProfiles, type StaffRole } from '../modules/accounts/schema.js';
import { actorOf } from '../modules/accounts/service.js';

export const DEMO_PASSWORD = 'Jisr-demo-2026';

/** A demo account as it is printed at the start. */
export type DemoAccount = { email: string; role: string; institution: string };

type OverseerScope = { scope: 'nation' | 'region' | 'province'; territoryCode: string | null };
/** A member of a body (`department`: one of the commune's, by code). */
type Member = {
  email: string;
  displayName: string;
  role: StaffRole;
  institution: string;
  department?: string;
};
/** An overseer: no membership, a territory; `label` is what the printed list shows for them. */
type Overseer = { email: string; displayName: string; role: 'overseer'; label: string; scope: OverseerScope };

export const DEMO_STAFF: readonly (Member | Overseer)[] = [
  {
    email: 'accueil@aml.demo',
    displayName: 'Samira Ouhammou',
    role: 'reception_agent',
    institution: 'AML',
    department: 'mre-desk',
  },
  {
    email: 'etatcivil@aml.demo',
    displayName: 'Rachid Aït Brahim',
    role: 'department_agent',
    institution: 'AML',
    department: 'civil-status',
  },
  {
    email: 'legalisation@aml.demo',
    displayName: 'Hassan Id Ali',
    role: 'department_agent',
    institution: 'AML',
    department: 'legalisation',
  },
  {
    email: 'urbanisme@aml.demo',
    displayName: 'Nadia Boutaleb',
    role: 'department_agent',
    institution: 'AML',
    department: 'urbanism',
  },
  { email: 'chef@aml.demo', displayName: 'Mohamed Akhannouch', role: 'supervisor', institution: 'AML' },
  { email: 'admin@aml.demo', displayName: 'Latifa Ouaziz', role: 'institution_admin', institution: 'AML' },
  { email: 'audit@aml.demo', displayName: 'Omar Benali', role: 'auditor', institution: 'AML' },
  {
    email: 'guichet@aubm.demo',
    displayName: 'Karim El Idrissi',
    role: 'department_agent',
    institution: 'AUBM',
  },
  { email: 'admin@aubm.demo', displayName: 'Souad Lahlou', role: 'institution_admin', institution: 'AUBM' },
  {
    email: 'delegue@mediateur.demo',
    displayName: 'Aziz Tazi',
    role: 'department_agent',
    institution: 'MDSM',
  },
  {
    email: 'province@piam.demo',
    displayName: 'Abdellah Rami',
    role: 'overseer',
    label: 'PIAM',
    scope: { scope: 'province', territoryCode: '09.273' },
  },
  {
    email: 'region@souss.demo',
    displayName: 'Meriem Alaoui',
    role: 'overseer',
    label: 'Souss-Massa',
    scope: { scope: 'region', territoryCode: '09' },
  },
  {
    email: 'national@interieur.demo',
    displayName: 'Youssef Bennani',
    role: 'overseer',
    label: 'Ministry',
    scope: { scope: 'nation', territoryCode: null },
  },
];

/** The urban agency's desk and heads of division, added with its appointments (`department`: by code). */
export const AUBM_DESK_STAFF: readonly {
  email: string;
  displayName: string;
  role: StaffRole;
  department: string | null;
}[] = [
  {
    email: 'accueil@aubm.demo',
    displayName: 'Hind Moutaouakil',
    role: 'reception_agent',
    department: 'mre-window',
  },
  { email: 'chef@aubm.demo', displayName: 'Abdelkrim Naciri', role: 'supervisor', department: null },
  { email: 'audit@aubm.demo', displayName: 'Fouad Berrada', role: 'auditor', department: null },
  {
    email: 'urbaniste@aubm.demo',
    displayName: 'Salma Bennis',
    role: 'department_agent',
    department: 'planning',
  },
  {
    email: 'gestion@aubm.demo',
    displayName: 'Mustapha Aït Lahcen',
    role: 'department_agent',
    department: 'urban-management',
  },
];

type CitizenProfile = typeof citizenProfiles.$inferInsert extends infer T
  ? Omit<T & object, 'accountId'>
  : never;
export type DemoCitizen = {
  email: string;
  language: 'ar' | 'fr' | 'en';
  displayName: string;
  profile: CitizenProfile;
};

/** Fatima in Lyon, Youssef in Madrid, Khadija in Brussels. */
export const DEMO_CITIZENS = {
  fatima: {
    email: 'fatima@example.fr',
    language: 'ar',
    displayName: 'Fatima El Hassani',
    profile: {
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
  },
  youssef: {
    email: 'youssef@example.es',
    language: 'fr',
    displayName: 'Youssef Amziane',
    profile: {
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
  },
  khadija: {
    email: 'khadija@example.be',
    language: 'fr',
    displayName: 'Khadija Bouzid',
    profile: {
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
  },
} satisfies Record<string, DemoCitizen>;

/** The signed-in actor of a demo account. */
export async function demoActor(db: Db, email: string): Promise<Actor> {
  const [a] = await db.select().from(accounts).where(eq(accounts.email, email));
  return actorOf(db, a!);
}
