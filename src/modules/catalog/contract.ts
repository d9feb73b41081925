/** The catalogue's answers over HTTP: the routes declare them, the web app takes its types from them. */
import { z } from 'zod';
import { itemsOf, names, storedDateTime } from '../../shared/contract.js';
import { caseKinds } from '../cases/contract.js';

/** A value of the reference data, and whether it was inferred rather than read in a source. */
const sourced = <T extends z.ZodType>(value: T) =>
  z.object({ value: value.nullable(), inferred: z.boolean(), note: z.string().optional() });
const inEachLanguage = <T extends z.ZodType>(text: T) => z.object({ ar: text, fr: text, en: text });

/** The guide's texts in each language (reference-data/document-guides.json). */
export const documentGuide = z.object({
  status: z.enum(['drafted', 'reviewed']),
  aliases: inEachLanguage(z.array(z.string())),
  papers: inEachLanguage(z.array(z.string())).nullable(),
  issuer: inEachLanguage(z.string()).nullable(),
  fee: inEachLanguage(z.string()).nullable(),
  delay: inEachLanguage(z.string()).nullable(),
  validity: inEachLanguage(z.string()).nullable(),
  remote: inEachLanguage(z.array(z.string())).nullable(),
  notes: inEachLanguage(z.string()).nullable(),
});

export const documentType = z.object({
  code: z.string(),
  category: z.string(),
  ...names,
  issuingBodyType: sourced(z.object({ type: z.string(), detail: z.string().optional() })),
  requiredDocuments: sourced(z.array(z.string())),
  fee: sourced(z.object({ amount_mad: z.number().nullable().optional(), text: z.string().optional() })),
  delay: sourced(z.object({ text: z.string().optional(), days: z.number().optional() })),
  validity: sourced(z.object({ months: z.number().optional(), text: z.string().optional() })),
  remoteRequest: sourced(
    z.object({ possible: z.boolean().nullable(), channels: z.array(z.string()).optional() }),
  ),
  notes: z.string().nullable(),
  guide: documentGuide.nullable(),
});
export const documentTypes = itemsOf(documentType);

/** A field of a category's form. */
export const fieldDefinition = z.object({
  name: z.string(),
  type: z.enum(['text', 'date', 'number', 'select']),
  required: z.boolean(),
  maxLength: z.number().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  pastYear: z.boolean().optional(),
  options: z.array(z.string()).optional(),
  label: inEachLanguage(z.string()),
});

export const category = z.object({
  id: z.uuid(),
  code: z.string(),
  kind: caseKinds,
  ...names,
  deadlineDays: z.number().int(),
  documentTypeCode: z.string().nullable(),
  fields: z.array(fieldDefinition),
  active: z.boolean(),
});
export const categories = itemsOf(category);

/** A category as one body set it up: its own deadline and retention beside the platform's. */
export const institutionCategory = category.extend({
  defaultDeadlineDays: z.number().int(),
  retentionMonths: z.number().int().nullable(),
  defaultRetentionMonths: z.number().int(),
});

const templateParts = z.object({ facts: z.string(), decision: z.string(), contest: z.string() });

export const replyTemplate = z.object({
  id: z.uuid(),
  institutionId: z.uuid(),
  categoryId: z.uuid().nullable(),
  language: z.string(),
  title: z.string(),
  body: z.string(),
  /** The parts of a reasoned reply it fills (facts, decision, how to contest), or null. */
  parts: templateParts.nullable(),
  updatedAt: storedDateTime,
});
export const templateRef = z.object({ id: z.uuid() });
/** A template filled in for one case. */
export const caseTemplate = z.object({
  id: z.uuid(),
  title: z.string(),
  text: z.string(),
  parts: templateParts.nullable(),
});

/** A legal text a body's replies rest on (see catalog/legal-bases.ts). */
export const legalBasis = z.object({
  id: z.uuid(),
  /** null: for all of the body's categories */
  categoryId: z.uuid().nullable(),
  citation: z.string(),
  titleAr: z.string(),
  titleFr: z.string(),
  titleEn: z.string(),
  /** set: offered no more in new replies */
  retiredAt: z.string().nullable(),
});
