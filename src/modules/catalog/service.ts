import { asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { firstOrNull } from '../../db/rows.js';
import {
  deadlineDays,
  fieldsByDocumentFamily,
  missingArabicNames,
  nonDocumentCategories,
} from './categories.js';
import { caseCategories, type DocumentGuide, documentTypes, type Sourced } from './schema.js';

/** One entry of reference-data/document-guides.json: the guide's texts in ar, fr and en, and its one name. */
export type GuideEntry = DocumentGuide & { name: { ar: string; fr: string; en: string }; sources?: string[] };

type CatalogItem = {
  code: string;
  category: string;
  name_fr: Sourced<string>;
  name_ar: Sourced<string>;
  name_en: Sourced<string>;
  issuing_body_type: Sourced<{ type: string; detail?: string }>;
  required_documents: Sourced<string[]>;
  fee: Sourced<{ amount_mad?: number | null; text?: string }>;
  delay: Sourced<{ text?: string }>;
  validity: Sourced<{ months?: number; text?: string }>;
  remote_request: Sourced<{ possible: boolean | null; channels?: string[] }>;
  notes?: string;
};

const strip = <T>(s: (Sourced<T> & { sources?: unknown }) | null): Sourced<T> => ({
  value: s?.value ?? null,
  inferred: !!s?.inferred,
  ...(s?.note ? { note: s.note } : {}),
});

/** Imports the document catalogue and builds one category per document, plus complaint/grievance/etc. Idempotent. */
export async function importCatalog(
  db: Executor,
  items: CatalogItem[],
  guides: Record<string, GuideEntry> = {},
): Promise<{ documents: number; categories: number }> {
  const names = (it: CatalogItem) => ({
    nameAr: guides[it.code]?.name.ar ?? it.name_ar.value ?? missingArabicNames[it.code] ?? it.name_fr.value!,
    nameFr: guides[it.code]?.name.fr ?? it.name_fr.value!,
    nameEn: guides[it.code]?.name.en ?? it.name_en.value ?? it.name_fr.value!,
  });
  for (const it of items) {
    const { name: _n, sources: _s, ...guide } = guides[it.code] ?? { name: null, sources: null };
    const row = {
      code: it.code,
      category: it.category,
      ...names(it),
      guide: guides[it.code] ? (guide as DocumentGuide) : null,
      issuingBodyType: strip(it.issuing_body_type),
      requiredDocuments: strip(it.required_documents),
      fee: strip(it.fee),
      delay: strip(it.delay),
      validity: strip(it.validity),
      remoteRequest: strip(it.remote_request),
      notes: it.notes ?? null,
    };
    await db.insert(documentTypes).values(row).onConflictDoUpdate({ target: documentTypes.code, set: row });
  }
  const seeds = [
    ...items.map((it) => ({
      code: `doc-${it.code}`,
      kind: 'document_request' as const,
      // one name for a document everywhere: the guide's, the subject list's, the letters'
      ...names(it),
      deadlineDays: deadlineDays[it.category] ?? 15,
      documentTypeCode: it.code,
      fields: fieldsByDocumentFamily[it.category] ?? [],
    })),
    ...nonDocumentCategories().map((c) => ({
      code: c.code,
      kind: c.kind,
      nameAr: c.names.ar,
      nameFr: c.names.fr,
      nameEn: c.names.en,
      deadlineDays: c.deadlineDays,
      documentTypeCode: null,
      fields: c.fields,
    })),
  ];
  for (const s of seeds) {
    // Deadlines may have been changed by an administrator: an import only fills them in on creation.
    const { deadlineDays: _d, ...rest } = s;
    await db.insert(caseCategories).values(s).onConflictDoUpdate({ target: caseCategories.code, set: rest });
  }
  return { documents: items.length, categories: seeds.length };
}

/** A document as the guides show it: every sourced fact present, its value null where nothing is known. */
const presentDocument = (d: typeof documentTypes.$inferSelect) => ({
  ...d,
  issuingBodyType: strip(d.issuingBodyType),
  requiredDocuments: strip(d.requiredDocuments),
  fee: strip(d.fee),
  delay: strip(d.delay),
  validity: strip(d.validity),
  remoteRequest: strip(d.remoteRequest),
});

export async function listDocumentTypes(db: Executor) {
  const rows = await db
    .select()
    .from(documentTypes)
    .orderBy(asc(documentTypes.category), asc(documentTypes.code));
  return rows.map(presentDocument);
}

export async function getDocumentType(db: Executor, code: string) {
  const [row] = await db.select().from(documentTypes).where(eq(documentTypes.code, code));
  return row ? presentDocument(row) : null;
}

export async function listCategories(db: Executor) {
  return db
    .select()
    .from(caseCategories)
    .where(eq(caseCategories.active, true))
    .orderBy(asc(caseCategories.kind), asc(caseCategories.code));
}

export async function getCategory(db: Executor, id: string) {
  return firstOrNull(db.select().from(caseCategories).where(eq(caseCategories.id, id)));
}

export async function getCategoryByCode(db: Executor, code: string) {
  return firstOrNull(db.select().from(caseCategories).where(eq(caseCategories.code, code)));
}

export async function countCatalog(db: Executor) {
  const [d] = await db.select({ n: sql<number>`count(*)::int` }).from(documentTypes);
  const [c] = await db.select({ n: sql<number>`count(*)::int` }).from(caseCategories);
  return { documents: d!.n, categories: c!.n };
}
