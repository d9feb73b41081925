import type { CaseKind, FieldDefinition } from './schema.js';

/** Working deadlines (calendar days) by kind and document family. The national rule for complaints is 60 days. */
export const deadlineDays: Record<string, number> = {
  etat_civil: 5,
  attestations: 5,
  legalisation: 3,
  urbanisme: 30,
  activite_economique: 30,
  complaint: 60,
  grievance: 60,
  observation: 60,
  information_request: 15,
};

const f = (
  name: string,
  type: FieldDefinition['type'],
  required: boolean,
  label: FieldDefinition['label'],
  extra: Partial<FieldDefinition> = {},
): FieldDefinition => ({ name, type, required, label, ...extra });

/** Copies of an act: a desk hands out at most ten at once (a larger need is a separate request). */
const copies = f(
  'copies',
  'number',
  true,
  { ar: 'عدد النسخ', fr: 'Nombre de copies', en: 'Number of copies' },
  { min: 1, max: 10 },
);

/** The structured fields each document family asks for, beside the free text. */
export const fieldsByDocumentFamily: Record<string, FieldDefinition[]> = {
  etat_civil: [
    f(
      'person_name',
      'text',
      true,
      {
        ar: 'الاسم الكامل كما في الرسم',
        fr: 'Nom complet tel qu’il figure sur l’acte',
        en: 'Full name as on the record',
      },
      { maxLength: 200 },
    ),
    f(
      'record_number',
      'text',
      false,
      { ar: 'رقم الرسم', fr: 'Numéro de l’acte', en: 'Record number' },
      { maxLength: 30 },
    ),
    f(
      'record_year',
      'number',
      false,
      { ar: 'سنة الرسم', fr: 'Année de l’acte', en: 'Record year' },
      { min: 1900, pastYear: true },
    ),
    copies,
  ],
  attestations: [
    f(
      'person_name',
      'text',
      true,
      {
        ar: 'الاسم الكامل للمعني بالأمر',
        fr: 'Nom complet de la personne concernée',
        en: 'Full name of the person concerned',
      },
      { maxLength: 200 },
    ),
    f(
      'purpose',
      'text',
      false,
      { ar: 'الغرض من الشهادة', fr: 'Motif de la demande', en: 'What the certificate is for' },
      { maxLength: 300 },
    ),
  ],
  legalisation: [
    f(
      'document_title',
      'text',
      true,
      { ar: 'الوثيقة المراد الإشهاد عليها', fr: 'Document à légaliser', en: 'Document to certify' },
      { maxLength: 200 },
    ),
    copies,
  ],
  urbanisme: [
    f(
      'land_title',
      'text',
      false,
      { ar: 'رقم الرسم العقاري', fr: 'Numéro du titre foncier', en: 'Land title number' },
      { maxLength: 60 },
    ),
    f(
      'location',
      'text',
      true,
      { ar: 'موقع العقار', fr: 'Situation du terrain', en: 'Location of the property' },
      { maxLength: 300 },
    ),
    f(
      'surface_m2',
      'number',
      false,
      { ar: 'المساحة (م²)', fr: 'Superficie (m²)', en: 'Surface (m²)' },
      { min: 1, max: 10_000_000 },
    ),
  ],
  activite_economique: [
    f('activity', 'text', true, { ar: 'النشاط', fr: 'Activité', en: 'Activity' }, { maxLength: 200 }),
    f('location', 'text', true, { ar: 'العنوان', fr: 'Adresse', en: 'Address' }, { maxLength: 300 }),
  ],
};

const complaintFields: FieldDefinition[] = [
  f(
    'service_concerned',
    'text',
    false,
    { ar: 'المصلحة المعنية', fr: 'Service concerné', en: 'Service concerned' },
    { maxLength: 200 },
  ),
  f('event_date', 'date', false, { ar: 'تاريخ الواقعة', fr: 'Date des faits', en: 'Date of the facts' }),
  f(
    'previous_reference',
    'text',
    false,
    { ar: 'مرجع طلب سابق', fr: 'Référence d’une démarche antérieure', en: 'Reference of an earlier request' },
    { maxLength: 60 },
  ),
];

type Names = { ar: string; fr: string; en: string };
export type CategorySeed = {
  code: string;
  kind: CaseKind;
  names: Names;
  deadlineDays: number;
  fields: FieldDefinition[];
};

const complaintSubjects: [string, Names][] = [
  ['etat-civil', { ar: 'الحالة المدنية', fr: 'État civil', en: 'Civil status' }],
  ['urbanisme', { ar: 'التعمير والرخص', fr: 'Urbanisme / autorisations', en: 'Urban planning and permits' }],
  [
    'foncier',
    {
      ar: 'العقار (نزع الملكية، الاعتداء على الملكية، أراضي الجموع)',
      fr: 'Foncier / immobilier',
      en: 'Land and property',
    },
  ],
  [
    'fiscalite-locale',
    { ar: 'الجبايات والرسوم المحلية', fr: 'Fiscalité et taxes locales', en: 'Local taxes and fees' },
  ],
  [
    'pension-prestations',
    {
      ar: 'المعاشات والخدمات الاجتماعية',
      fr: 'Pensions et prestations sociales',
      en: 'Pensions and social benefits',
    },
  ],
  [
    'execution-jugement',
    {
      ar: 'عدم تنفيذ الإدارة لحكم قضائي',
      fr: 'Non-exécution d’un jugement par l’administration',
      en: 'Administration not enforcing a court ruling',
    },
  ],
  [
    'delai-absence-reponse',
    { ar: 'التأخر أو عدم الجواب', fr: 'Retard / absence de réponse', en: 'Delay or no answer' },
  ],
  ['accueil', { ar: 'الاستقبال والسلوك', fr: 'Accueil / comportement', en: 'Reception and behaviour' }],
  [
    'documents-abusifs',
    {
      ar: 'المطالبة التعسفية بالوثائق',
      fr: 'Demande abusive de documents',
      en: 'Unjustified requests for documents',
    },
  ],
  ['autre', { ar: 'أخرى', fr: 'Autre', en: 'Other' }],
];

const grievanceSubjects: [string, Names][] = [
  [
    'administratif',
    { ar: 'قضايا ذات طابع إداري', fr: 'Affaires à caractère administratif', en: 'Administrative matters' },
  ],
  [
    'foncier-immobilier',
    {
      ar: 'قضايا ذات طابع عقاري',
      fr: 'Affaires à caractère foncier / immobilier',
      en: 'Land and property matters',
    },
  ],
  [
    'financier-fiscal',
    {
      ar: 'قضايا ذات طابع مالي أو جبائي',
      fr: 'Affaires à caractère financier ou fiscal',
      en: 'Financial or tax matters',
    },
  ],
  [
    'non-execution-jugements',
    {
      ar: 'عدم تنفيذ الإدارة للأحكام القضائية',
      fr: 'Non-exécution de décisions de justice par l’administration',
      en: 'Court decisions not enforced by the administration',
    },
  ],
];

/** The platform's own categories beside the document requests (which come from the catalogue). */
export function nonDocumentCategories(): CategorySeed[] {
  return [
    ...complaintSubjects.map(([code, names]) => ({
      code: `complaint-${code}`,
      kind: 'complaint' as const,
      names,
      deadlineDays: deadlineDays.complaint!,
      fields: complaintFields,
    })),
    ...grievanceSubjects.map(([code, names]) => ({
      code: `grievance-${code}`,
      kind: 'grievance' as const,
      names,
      deadlineDays: deadlineDays.grievance!,
      fields: complaintFields,
    })),
    {
      code: 'observation',
      kind: 'observation',
      names: { ar: 'ملاحظة', fr: 'Observation', en: 'Observation' },
      deadlineDays: 60,
      fields: [],
    },
    {
      code: 'suggestion',
      kind: 'observation',
      names: { ar: 'اقتراح', fr: 'Suggestion', en: 'Suggestion' },
      deadlineDays: 60,
      fields: [],
    },
    {
      code: 'information-request',
      kind: 'information_request',
      names: { ar: 'طلب معلومات', fr: 'Demande d’information', en: 'Information request' },
      deadlineDays: deadlineDays.information_request!,
      fields: [],
    },
  ];
}

/** Arabic names the catalogue left empty, supplied here (marked inferred). */
export const missingArabicNames: Record<string, string> = {
  'acte-individualite': 'عقد الفردية',
  'certificat-unique-epouse': 'شهادة الزوجة الوحيدة',
  'urbanisme-autorisation-refection-demolition': 'رخصة الإصلاح أو الهدم أو التسوية',
  'activite-economique-autorisation-commerce': 'رخصة الاستغلال التجاري',
  'activite-economique-occupation-domaine-public': 'رخصة الاحتلال المؤقت للملك العمومي',
};
