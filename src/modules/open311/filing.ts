/**
 * Requests filed through Open311 (`POST requests`) by another system holding a body's key (scope
 * `cases:file`), for a citizen named in the request. Nothing is filed until that person confirms: the
 * request waits here, the person receives a link by e-mail, and the case is created when they confirm on
 * the page it opens, as if they had filed it on the portal (same checks, their account found or opened by
 * e-mail as the sign-in by code does, the usual receipt). The client follows its `token`, which answers the
 * tracking number once the case exists. Unconfirmed requests expire after OPEN311_CONFIRM_DAYS and are
 * deleted by the worker.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, isNull, lt } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { formatDate } from '../../i18n/format.js';
import { type Lang, t } from '../../i18n/index.js';
import { nameIn } from '../../i18n/names.js';
import { fail } from '../../server/problems.js';
import { nowOf, type ServiceContext } from '../../server/service-context.js';
import { emailSchema, wordedText } from '../../server/validation.js';
import { hmac, newToken } from '../accounts/passwords.js';
import { accounts } from '../accounts/schema.js';
import { actorOf, citizenByEmail } from '../accounts/service.js';
import { apiKeys } from '../api-keys/schema.js';
import type { KeyHolder } from '../api-keys/service.js';
import { recordAudit } from '../audit/service.js';
import { cases } from '../cases/schema.js';
import { createCase } from '../cases/service.js';
import { validateFields } from '../catalog/fields.js';
import { categoryFor } from '../catalog/institution-settings.js';
import type { FieldDefinition } from '../catalog/schema.js';
import { getInstitution } from '../institutions/service.js';
import { enqueueEmail } from '../notifications/outbox.js';
import type * as contract from './contract.js';
import { say } from './messages.js';
import { Open311Error } from './query.js';
import { type Open311Extras, open311Requests } from './schema.js';
import { activeCategories, type Open311Context } from './service.js';

/** Days a person has to confirm a request filed for them; then it is deleted. */
export const OPEN311_CONFIRM_DAYS = 7;
const DAY_MS = 86_400_000;
/** Where the person confirms: a page of the portal (confirming takes a button: mail scanners open links). */
export const confirmationPath = (secret: string) => `/requests/confirm/${secret}`;

const confirmHash = (platformSecret: string, secret: string) =>
  hmac(platformSecret, `open311-confirm:${secret}`);

/** A parameter as text: Open311 sends form fields; a JSON client may send numbers. */
function textOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** `attribute[code]=value` (form) or `"attribute": {"code": value}` (JSON). */
function attributesOf(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const nested = params.attribute;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) Object.assign(out, nested);
  for (const [k, v] of Object.entries(params)) {
    const m = /^attribute\[(.{1,60})\]$/.exec(k);
    if (m) out[m[1]!] = v;
  }
  return out;
}

/** An attribute's text as the category's field takes it: a whole number as a number, a date-time's day. */
function fieldValueOf(def: FieldDefinition | undefined, raw: unknown): unknown {
  const v = textOf(raw) ?? raw;
  if (typeof v !== 'string' || !def) return v;
  if (def.type === 'number' && /^-?\d{1,15}$/.test(v)) return Number(v);
  if (def.type === 'date' && /^\d{4}-\d{2}-\d{2}(T|$)/.test(v)) return v.slice(0, 10);
  return v;
}

const bad = (key: Parameters<typeof say>[1], params: Record<string, string | number> = {}) =>
  new Open311Error(400, key, params);

function limited(name: string, value: string | undefined, max: number) {
  if (value !== undefined && value.length > max) throw bad('open311.error.too_long', { name, max });
  return value || undefined;
}

/**
 * Checks a request sent with `key` and keeps it pending, then e-mails the person the link to confirm it.
 * Refusals are Open311 errors (403 for another body's jurisdiction, 400 for a bad parameter).
 */
export async function submitRequest(
  ctx: Open311Context & Pick<ServiceContext, 'secret' | 'requestId'>,
  key: KeyHolder,
  params: Record<string, unknown>,
  citizenLang: Lang | null,
): Promise<z.input<typeof contract.postAnswer>> {
  const now = nowOf({});
  const body = (await getInstitution(ctx.db, key.institutionId))!;
  const jurisdiction = textOf(params.jurisdiction_id)?.toUpperCase();
  if (jurisdiction && jurisdiction !== body.code)
    throw new Open311Error(403, 'open311.error.jurisdiction_forbidden', { code: body.code });
  const serviceCode = textOf(params.service_code);
  if (!serviceCode) throw bad('open311.error.service_code_missing');
  const category = (await activeCategories(ctx, body.id)).find((c) => c.code === serviceCode);
  if (!category) throw bad('open311.error.service_unknown');
  const email = emailSchema.safeParse(textOf(params.email) ?? '');
  if (!email.success) throw bad('open311.error.email_missing');
  const firstName = textOf(params.first_name);
  const lastName = textOf(params.last_name);
  const nameCheck = wordedText(1, 100);
  if (!firstName || !lastName) throw bad('open311.error.names_missing');
  if (!nameCheck.safeParse(firstName).success || !nameCheck.safeParse(lastName).success)
    throw bad('open311.error.name_too_long');
  const description = wordedText(10, 10_000).safeParse(textOf(params.description) ?? '');
  if (!description.success) throw bad('open311.error.description');
  // the category's fields, checked as the portal's filing checks them
  const byName = new Map(category.fields.map((f) => [f.name, f]));
  const fields = Object.fromEntries(
    Object.entries(attributesOf(params)).map(([code, v]) => [code, fieldValueOf(byName.get(code), v)]),
  );
  const [problem] = validateFields(category.fields, fields, now);
  if (problem)
    throw bad('open311.error.attribute', {
      code: problem.path.at(-1)!,
      message: t(ctx.lang, problem.key, problem.params),
    });
  const extras: Open311Extras = {};
  for (const name of ['lat', 'long', 'address_string', 'media_url'] as const) {
    const v = limited(name, textOf(params[name]), 500);
    if (v) extras[name] = v;
  }
  const phone = limited('phone', textOf(params.phone), 32);
  const [existing] = await ctx.db
    .select({ lang: accounts.preferredLanguage })
    .from(accounts)
    .where(eq(accounts.email, email.data));
  const language = citizenLang ?? existing?.lang ?? 'fr';
  const token = randomBytes(16).toString('base64url');
  const secret = newToken();
  const expiresAt = new Date(now.getTime() + OPEN311_CONFIRM_DAYS * DAY_MS);
  const [label] = await ctx.db
    .select({ label: apiKeys.label })
    .from(apiKeys)
    .where(eq(apiKeys.id, key.keyId));
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(open311Requests)
      .values({
        token,
        confirmHash: confirmHash(ctx.secret, secret),
        institutionId: body.id,
        categoryId: category.id,
        apiKeyId: key.keyId,
        language,
        email: email.data,
        firstName,
        lastName,
        phone: phone ?? null,
        description: description.data,
        fields: fields as Record<string, string | number>,
        extras,
        createdAt: now,
        expiresAt,
      })
      .returning({ id: open311Requests.id });
    await enqueueEmail(tx, {
      to: email.data,
      template: 'open311_confirm',
      lang: language,
      params: {
        name: `${firstName} ${lastName}`,
        app: label?.label ?? key.prefix,
        institution: nameIn(language, body),
        category: nameIn(language, category),
        description: description.data.length > 600 ? `${description.data.slice(0, 600)}…` : description.data,
        url: `${ctx.publicUrl}${confirmationPath(secret)}`,
        until: formatDate(expiresAt, language),
      },
    });
    await recordAudit(tx, {
      actorId: null,
      action: 'open311.request',
      entityType: 'open311_request',
      entityId: row!.id,
      institutionId: body.id,
      requestId: ctx.requestId,
      data: { apiKeyId: key.keyId, prefix: key.prefix, category: category.code },
    });
  });
  return [
    {
      token,
      service_notice: say(ctx.lang, 'open311.service_notice', { institution: nameIn(ctx.lang, body) }),
    },
  ];
}

/** The token's answer: its tracking number once the person confirmed, none before. 404 when unknown. */
export async function tokenStatus(
  ctx: Open311Context,
  token: string,
  jurisdictionId: string | undefined,
): Promise<z.input<typeof contract.tokenAnswer>> {
  const [row] = await ctx.db
    .select({
      token: open311Requests.token,
      tracking: cases.trackingNumber,
      institutionId: open311Requests.institutionId,
    })
    .from(open311Requests)
    .leftJoin(cases, eq(cases.id, open311Requests.caseId))
    .where(eq(open311Requests.token, token));
  const jurisdiction = jurisdictionId?.trim().toUpperCase();
  const body = row && jurisdiction ? await getInstitution(ctx.db, row.institutionId) : null;
  if (!row || (body && body.code !== jurisdiction))
    throw new Open311Error(404, 'open311.error.token_unknown');
  return [{ service_request_id: row.tracking ?? null, token: row.token }];
}

async function pendingBySecret(db: ServiceContext['db'], platformSecret: string, secret: string) {
  const [row] = await db
    .select()
    .from(open311Requests)
    .where(eq(open311Requests.confirmHash, confirmHash(platformSecret, secret)));
  if (!row) throw fail('open311-confirmation-unknown');
  return row;
}

/** What the confirmation page shows: what would be filed, with whom, on whose behalf; or the case filed. */
export async function confirmationOf(ctx: ServiceContext, secret: string, lang: Lang) {
  const row = await pendingBySecret(ctx.db, ctx.secret, secret);
  const [body, category, [key], [filed]] = await Promise.all([
    getInstitution(ctx.db, row.institutionId),
    categoryFor(ctx.db, row.institutionId, row.categoryId),
    ctx.db.select({ label: apiKeys.label }).from(apiKeys).where(eq(apiKeys.id, row.apiKeyId)),
    row.caseId
      ? ctx.db.select({ trackingNumber: cases.trackingNumber }).from(cases).where(eq(cases.id, row.caseId))
      : [],
  ]);
  const status = row.caseId ? 'confirmed' : row.expiresAt <= nowOf(ctx) ? 'expired' : 'pending';
  return {
    status,
    institution: nameIn(lang, body!),
    service: category ? nameIn(lang, category) : '',
    app: key?.label ?? '',
    name: [row.firstName, row.lastName].filter(Boolean).join(' '),
    email: row.email,
    description: row.description,
    fields: Object.entries(row.fields ?? {}).map(([code, value]) => ({
      label: category?.fields.find((f) => f.name === code)?.label[lang] ?? code,
      value: String(value),
    })),
    expiresAt: row.expiresAt.toISOString(),
    trackingNumber: filed?.trackingNumber ?? null,
  } as const;
}

/** The words of the case: the person's description, then what the client sent about the place, as given. */
function caseDescription(description: string, extras: Open311Extras | null) {
  const lines = Object.entries(extras ?? {}).map(([k, v]) => `${k}: ${v}`);
  return lines.length ? `${description}\n\n${lines.join('\n')}` : description;
}

const subjectOf = (description: string) => {
  const flat = description.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 119)}…` : flat;
};

/**
 * The person confirms: the case is filed as theirs (their account found or opened by e-mail), once, however
 * often or concurrently the button is pressed; the request then keeps only its token and the case.
 */
export async function confirmRequest(ctx: ServiceContext, secret: string) {
  const row = await pendingBySecret(ctx.db, ctx.secret, secret);
  if (row.caseId) return confirmationOf(ctx, secret, ctx.lang ?? row.language);
  const now = nowOf(ctx);
  if (row.expiresAt <= now) throw fail('open311-confirmation-expired');
  const person = {
    email: row.email!,
    preferredLanguage: row.language,
    countryOfResidence: 'MA',
    givenNameLatin: row.firstName,
    familyNameLatin: row.lastName,
  };
  const open = () => ctx.db.transaction((tx) => citizenByEmail(tx, person, ctx.requestId));
  // two presses at once may both open the account: the second then finds the first's
  const acc = await open().catch((err) => (isUniqueViolation(err) ? open() : Promise.reject(err)));
  if (!acc) throw fail('requester-not-citizen');
  const actor = await actorOf(ctx.db, acc);
  const filed = await createCase(
    { ...ctx, actor },
    {
      institutionId: row.institutionId,
      categoryId: row.categoryId,
      subject: subjectOf(row.description!),
      description: caseDescription(row.description!, row.extras),
      fields: row.fields ?? {},
      replyChannels: ['email'],
      language: row.language,
      intakeChannel: 'api',
      requesterId: acc.id,
      // the filing key makes a second press (even at the same time) give back the first case
      clientKey: `open311-${row.id}`,
    },
  );
  await ctx.db.transaction(async (tx) => {
    const done = await tx
      .update(open311Requests)
      .set({
        caseId: filed.case.id,
        confirmedAt: now,
        email: null,
        firstName: null,
        lastName: null,
        phone: null,
        description: null,
        fields: null,
        extras: null,
      })
      .where(and(eq(open311Requests.id, row.id), isNull(open311Requests.caseId)))
      .returning({ id: open311Requests.id });
    if (!done.length) return; // the other press recorded it
    // opening the e-mailed link proves the address, as the sign-in code does
    await tx
      .update(accounts)
      .set({ emailVerifiedAt: now })
      .where(and(eq(accounts.id, acc.id), isNull(accounts.emailVerifiedAt)));
    await recordAudit(tx, {
      actorId: acc.id,
      action: 'open311.confirm',
      entityType: 'case',
      entityId: filed.case.id,
      institutionId: row.institutionId,
      requestId: ctx.requestId,
      data: { apiKeyId: row.apiKeyId, requestId: row.id, trackingNumber: filed.case.trackingNumber },
    });
  });
  return confirmationOf(ctx, secret, ctx.lang ?? row.language);
}

/** Deletes the requests nobody confirmed in time (the worker's minute pass). */
export async function sweepOpen311Requests(db: Db, now: Date) {
  const gone = await db
    .delete(open311Requests)
    .where(and(isNull(open311Requests.caseId), lt(open311Requests.expiresAt, now)))
    .returning({ id: open311Requests.id });
  return gone.length;
}
