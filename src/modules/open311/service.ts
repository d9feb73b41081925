/**
 * The public, read-only Open311 GeoReport v2 interface: a body's services (its active categories), their
 * definitions (the categories' fields) and its requests as anyone may see them (tracking number, status,
 * category, dates: nothing about the person or what they wrote). Public: no sign-in, no access check; the
 * routes are rate-limited per address.
 */

import type { z } from 'zod';
import type { Lang } from '../../i18n/index.js';
import { type Names, nameIn } from '../../i18n/names.js';
import type { ServiceContext } from '../../server/service-context.js';
import type { PublicCaseFacts } from '../cases/public-facts.js';
import { publicCaseFacts, publicCaseFactsOf } from '../cases/public-facts.js';
import { openStates } from '../cases/state-machine.js';
import { categoriesFor } from '../catalog/institution-settings.js';
import type { CaseKind, FieldDefinition } from '../catalog/schema.js';
import { getCategory, getCategoryByCode } from '../catalog/service.js';
import { getInstitutionByCode } from '../institutions/service.js';
import type * as contract from './contract.js';
import { say } from './messages.js';
import { instantOf, jurisdictionOf, Open311Error, pageOf, serviceCodes, statusFilter } from './query.js';

/** The date of this version of the interface (the discovery's changeset). */
export const OPEN311_CHANGESET = '2026-12-08T00:00:00Z';
export const OPEN311_SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

export type Open311Context = Pick<ServiceContext, 'db'> & { lang: Lang; publicUrl: string };

const kindLabel = (lang: Lang, kind: CaseKind) => say(lang, `open311.kind.${kind}`);

export function discovery(ctx: Open311Context): z.input<typeof contract.discovery> {
  return {
    changeset: OPEN311_CHANGESET,
    contact: say(ctx.lang, 'open311.contact', { url: ctx.publicUrl }),
    key_service: say(ctx.lang, 'open311.key_service'),
    endpoints: [
      {
        specification: OPEN311_SPECIFICATION,
        url: `${ctx.publicUrl}/open311/v2`,
        changeset: OPEN311_CHANGESET,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}

async function bodyOf(ctx: Open311Context, jurisdictionId: string | undefined) {
  const body = await getInstitutionByCode(ctx.db, jurisdictionOf(jurisdictionId));
  if (!body) throw new Open311Error(404, 'open311.error.jurisdiction_unknown');
  return body;
}

/** The categories the body accepts (switched on at the platform and at the body). */
export async function activeCategories(ctx: Open311Context, institutionId: string) {
  // the retention periods are not shown here: the platform's default does not matter
  const all = await categoriesFor(ctx.db, institutionId, 0);
  return all.filter((c) => c.active);
}

export async function listServices(
  ctx: Open311Context,
  jurisdictionId: string | undefined,
): Promise<z.input<typeof contract.services>> {
  const body = await bodyOf(ctx, jurisdictionId);
  return (await activeCategories(ctx, body.id)).map((c) => {
    const kind = kindLabel(ctx.lang, c.kind);
    return {
      service_code: c.code,
      service_name: nameIn(ctx.lang, c),
      description: say(ctx.lang, 'open311.service.description', { kind, days: c.deadlineDays }),
      metadata: c.fields.length > 0,
      type: 'realtime',
      keywords: kind,
      group: kind,
    };
  });
}

/** Open311's datatypes: short text is a string, longer text a text; dates are datetimes; a choice a list. */
function attributeOf(lang: Lang, f: FieldDefinition, order: number): z.input<typeof contract.attribute> {
  const base = {
    variable: true as const,
    code: f.name,
    required: f.required,
    order,
    description: f.label[lang],
  };
  switch (f.type) {
    case 'text':
      return {
        ...base,
        datatype: f.maxLength !== undefined && f.maxLength <= 200 ? 'string' : 'text',
        datatype_description:
          f.maxLength !== undefined
            ? say(lang, 'open311.datatype.text', { max: f.maxLength })
            : say(lang, 'open311.datatype.text_free'),
      };
    case 'number':
      return {
        ...base,
        datatype: 'number',
        datatype_description:
          f.min !== undefined && f.max !== undefined
            ? say(lang, 'open311.datatype.number', { min: f.min, max: f.max })
            : f.min !== undefined
              ? say(lang, 'open311.datatype.number_min', { min: f.min })
              : say(lang, 'open311.datatype.number_free'),
      };
    case 'date':
      return { ...base, datatype: 'datetime', datatype_description: say(lang, 'open311.datatype.date') };
    case 'select':
      return {
        ...base,
        datatype: 'singlevaluelist',
        datatype_description: say(lang, 'open311.datatype.select'),
        values: (f.options ?? []).map((o) => ({ key: o, name: o })),
      };
  }
}

export async function serviceDefinition(
  ctx: Open311Context,
  jurisdictionId: string | undefined,
  serviceCode: string,
): Promise<z.input<typeof contract.serviceDefinition>> {
  const body = await bodyOf(ctx, jurisdictionId);
  const category = (await activeCategories(ctx, body.id)).find((c) => c.code === serviceCode);
  if (!category) throw new Open311Error(404, 'open311.error.service_unknown');
  return {
    service_code: category.code,
    attributes: category.fields.map((f, i) => attributeOf(ctx.lang, f, i + 1)),
  };
}

export type RequestsQuery = {
  jurisdiction_id?: string;
  service_code?: string;
  start_date?: string;
  end_date?: string;
  status?: string;
  page?: string;
  page_size?: string;
};

/** The body's requests, newest first, one page: what anyone may know of them. */
export async function listRequests(
  ctx: Open311Context,
  q: RequestsQuery,
): Promise<z.input<typeof contract.serviceRequests>> {
  // every parameter is checked before the body is looked up: a bad query is a 400 whatever the body
  const from = instantOf(q.start_date);
  const until = instantOf(q.end_date, true);
  const open = statusFilter(q.status);
  const { limit, offset } = pageOf(q.page, q.page_size);
  const codes = serviceCodes(q.service_code);
  const body = await bodyOf(ctx, q.jurisdiction_id);
  const categoryIds = codes
    ? (await Promise.all(codes.map((c) => getCategoryByCode(ctx.db, c)))).flatMap((c) => (c ? [c.id] : []))
    : undefined;
  const rows = await publicCaseFacts(ctx.db, {
    institutionId: body.id,
    categoryIds,
    from,
    until,
    open,
    limit,
    offset,
  });
  return present(ctx, body, rows);
}

/** One request of the body, as a list of one (as the specification answers it). */
export async function oneRequest(
  ctx: Open311Context,
  jurisdictionId: string | undefined,
  serviceRequestId: string,
): Promise<z.input<typeof contract.serviceRequests>> {
  const body = await bodyOf(ctx, jurisdictionId);
  const row = await publicCaseFactsOf(ctx.db, body.id, serviceRequestId.trim().toUpperCase());
  if (!row) throw new Open311Error(404, 'open311.error.request_unknown');
  return present(ctx, body, [row]);
}

const isOpen = (state: string) => (openStates as readonly string[]).includes(state);

async function present(ctx: Open311Context, body: Names, rows: PublicCaseFacts[]) {
  const ids = [...new Set(rows.map((r) => r.categoryId))];
  const categories = new Map(
    (await Promise.all(ids.map((id) => getCategory(ctx.db, id)))).flatMap((c) => (c ? [[c.id, c]] : [])),
  );
  const agency = nameIn(ctx.lang, body);
  return rows.map((r) => {
    const category = categories.get(r.categoryId);
    return {
      service_request_id: r.trackingNumber,
      status: isOpen(r.state) ? ('open' as const) : ('closed' as const),
      status_notes: say(ctx.lang, `open311.state.${r.state}`),
      service_name: category ? nameIn(ctx.lang, category) : '',
      service_code: category?.code ?? '',
      description: null,
      agency_responsible: agency,
      service_notice: null,
      requested_datetime: r.createdAt.toISOString(),
      updated_datetime: r.updatedAt.toISOString(),
      expected_datetime: r.dueAt.toISOString(),
      address: null,
      address_id: null,
      zipcode: null,
      lat: null,
      long: null,
      media_url: null,
    };
  });
}
