/**
 * The demo's public bodies: the commune of Aït Melloul with its offices, the urban agency of Béni Mellal
 * with its annexes and divisions, a regional delegation of the Ombudsman and a prefecture.
 */
import type { Executor } from '../db/client.js';
import type { InstitutionType } from '../modules/institutions/schema.js';
import { createDepartment, createInstitution } from '../modules/institutions/service.js';

export const names = (ar: string, fr: string, en: string) => ({ nameAr: ar, nameFr: fr, nameEn: en });

type Names = ReturnType<typeof names>;
type Body = Names & { code: string; type: InstitutionType; territoryCode: string; email?: string };
/** A department: its code, then its name in Arabic, French and English. */
type Department = readonly [code: string, ar: string, fr: string, en: string];

export const AML: Body = {
  code: 'AML',
  type: 'commune',
  territoryCode: '09.273.01.05',
  ...names('جماعة آيت ملول', 'Commune d’Aït Melloul', 'Aït Melloul commune'),
  email: 'mre@aitmelloul.example.ma',
};

export const AML_DEPARTMENTS: readonly Department[] = [
  ['mre-desk', 'مكتب استقبال وتوجيه مغاربة العالم', 'Bureau d’accueil des MRE', 'MRE reception desk'],
  ['civil-status', 'مكتب الحالة المدنية', 'Bureau d’état civil', 'Civil status office'],
  ['legalisation', 'مكتب تصحيح الإمضاءات', 'Bureau de légalisation', 'Legalisation office'],
  ['urbanism', 'قسم التعمير', 'Service de l’urbanisme', 'Urban planning department'],
  ['legal-affairs', 'قسم الشؤون القانونية', 'Service des affaires juridiques', 'Legal affairs department'],
];

export const AUBM: Body = {
  code: 'AUBM',
  type: 'urban_agency',
  territoryCode: '05.091.01.01',
  ...names('الوكالة الحضرية لبني ملال', 'Agence urbaine de Béni Mellal', 'Béni Mellal urban agency'),
};

/** The agency's single window for Moroccans abroad (its bookable services: `appointments.ts`). */
export const AUBM_WINDOW = {
  code: 'mre-window',
  ...names('الشباك الوحيد لمغاربة العالم', 'Guichet unique MRE', 'MRE single window'),
};

/** The agency's annexes: code, territory and the place's name (the agency's name goes before it). */
export const AUBM_ANNEXES = [
  ['AUFBS', '05.255', 'ملحقة الفقيه بن صالح', 'Annexe de Fquih Ben Salah', 'Fquih Ben Salah annex'],
  ['AUAZ', '05.081', 'ملحقة أزيلال', 'Annexe d’Azilal', 'Azilal annex'],
  ['AUKH', '05.311', 'ملحقة خريبكة', 'Annexe de Khouribga', 'Khouribga annex'],
] as const;

/** The agency's divisions whose heads citizens meet by appointment (added with the appointments). */
export const AUBM_DIVISIONS: readonly Department[] = [
  [
    'planning',
    'قسم الدراسات والتعمير',
    'Division des études et de l’urbanisme',
    'Planning and studies division',
  ],
  ['urban-management', 'قسم التدبير الحضري', 'Division de la gestion urbaine', 'Urban management division'],
];

export const MEDIATOR: Body = {
  code: 'MDSM',
  type: 'mediator_delegation',
  territoryCode: '09',
  ...names(
    'وسيط المملكة - المندوبية الجهوية سوس ماسة',
    'Médiateur du Royaume – délégation régionale Souss-Massa',
    'Ombudsman of the Kingdom – Souss-Massa regional delegation',
  ),
};

export const PREFECTURE: Body = {
  code: 'PIAM',
  type: 'prefecture_province',
  territoryCode: '09.273',
  ...names('عمالة إنزكان آيت ملول', 'Préfecture d’Inezgane-Aït Melloul', 'Inezgane-Aït Melloul prefecture'),
};

/** Creates departments of a body; answers their ids by code. */
export async function createDepartments(tx: Executor, institutionId: string, list: readonly Department[]) {
  const ids: Record<string, string> = {};
  for (const [code, ar, fr, en] of list) {
    ids[code] = (await createDepartment(tx, institutionId, { code, ...names(ar, fr, en) }, null, null)).id;
  }
  return ids;
}

/** Creates the bodies in the caller's transaction; answers them, with the commune's department ids. */
export async function createDemoBodies(tx: Executor) {
  const aml = await createInstitution(tx, AML, null, null);
  const depts = await createDepartments(tx, aml.id, AML_DEPARTMENTS);
  const aubm = await createInstitution(tx, AUBM, null, null);
  await createDepartment(tx, aubm.id, AUBM_WINDOW, null, null);
  for (const [code, territoryCode, ar, fr, en] of AUBM_ANNEXES) {
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
  const med = await createInstitution(tx, MEDIATOR, null, null);
  const prov = await createInstitution(tx, PREFECTURE, null, null);
  return { aml, aubm, med, prov, depts };
}
