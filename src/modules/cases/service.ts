import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { forbidden, notFound, ValidationError } from '../../server/errors.js';
import { fail, type ProblemCode } from '../../server/problems.js';
import { audit, nowOf, type ServiceContext } from '../../server/service-context.js';
import { currentTime } from '../../shared/clock.js';
import type { Actor } from '../accounts/actor.js';
import { hmac } from '../accounts/passwords.js';
import { accounts, citizenProfiles, type Language, type ReplyChannel } from '../accounts/schema.js';
import { actorOf, getCitizenProfile, isPlaceholderEmail, isStaffOf } from '../accounts/service.js';
import { caseAccesses, recordCaseRead } from '../audit/access-log.js';
import { validateFields } from '../catalog/fields.js';
import { categoryFor } from '../catalog/institution-settings.js';
import { chosenLegalBases } from '../catalog/legal-bases.js';
import { departments, institutions } from '../institutions/schema.js';
import { getInstitution, getOpenDepartment } from '../institutions/service.js';
import { mandateGrantFor } from '../mandates/grant.js';
import { mandateEventData, notifyGrantees, notifyMandateUse } from '../mandates/notices.js';
import { notifyCaseEvent, notifyCaseMoved, notifyStaff } from '../notifications/notify.js';
import { queueCaseActionWebhook, queueCaseWebhook } from '../webhooks/events.js';
import { moroccanDate } from '../workflow/calendar.js';
import { recordAttachments } from './attachments.js';
import { changeCase } from './change.js';
import { initialDueDate, isOverdue, resumeDueDate } from './deadline.js';
import { filedWithKey, recordFilingKey } from './filing-keys.js';
import { caseHops, type MoveReason, type RawHop } from './hops.js';
import { type LegacyFiling, legacyColumns, legacyDueDate, legacyOf, legacyProblems } from './legacy.js';
import {
  actsUnderMandate,
  type CaseScope,
  canActOnCase,
  canReadCase,
  isOwnCase,
  mayActFor,
  speaksForCase,
} from './policy.js';
import { type QueueFilters, queueCounts, queuePage, queueScope } from './queue.js';
import { composeReply, missingParts, partList, partsOf, type ReplyPartsInput } from './reply-parts.js';
import {
  attachments,
  type CaseRow,
  caseColumns,
  caseEvents,
  cases,
  type IntakeChannel,
  trackingCounters,
} from './schema.js';
import {
  availableActions,
  type CaseAction,
  type CaseState,
  pausedStates,
  REOPEN_WINDOW_DAYS,
  type TransitionRefusal,
  transition,
} from './state-machine.js';
import {
  formatTrackingNumber,
  newAccessCode,
  normalizeAccessCode,
  normalizeTrackingNumber,
  yearInMorocco,
} from './tracking.js';
import type { UploadQuota } from './upload-quota.js';
import { claimPendingUploads } from './uploads.js';

/** A service call's context (see server/service-context.ts). */
export type Ctx = ServiceContext;

/** The timeline event each action writes, and whether the citizen sees it. */
const eventOf: Record<CaseAction, { type: string; visibility: 'public' | 'internal' }> = {
  acknowledge: { type: 'acknowledged', visibility: 'public' },
  start: { type: 'started', visibility: 'public' },
  request_info: { type: 'info_requested', visibility: 'public' },
  citizen_reply: { type: 'citizen_replied', visibility: 'public' },
  submit_reply: { type: 'reply_drafted', visibility: 'internal' },
  return_reply: { type: 'reply_returned', visibility: 'internal' },
  approve_reply: { type: 'reply_approved', visibility: 'public' },
  mark_ready: { type: 'ready', visibility: 'public' },
  close: { type: 'closed', visibility: 'public' },
  reject: { type: 'rejected', visibility: 'public' },
  refer: { type: 'referred', visibility: 'public' },
  refer_inside: { type: 'referred_inside', visibility: 'public' },
  withdraw: { type: 'withdrawn', visibility: 'public' },
  reopen: { type: 'reopened', visibility: 'public' },
};

export type NewCaseInput = {
  institutionId: string;
  categoryId: string;
  subject: string;
  description: string;
  fields: Record<string, string | number>;
  replyChannels: ReplyChannel[];
  language: Language;
  intakeChannel: IntakeChannel;
  requesterId: string;
  representativeId?: string | null;
  mandateReference?: string | null;
  departmentId?: string | null;
  /** Papers received beforehand (`POST /api/uploads`) by the one filing, attached in the same transaction. */
  attachmentIds?: string[];
  /** The form's key: a second send with it returns the first case instead of filing another. */
  clientKey?: string | null;
  /** The platform's upload quotas: the papers filed together must fit what one case may hold. */
  caseQuota?: UploadQuota | null;
  /** Filed by a relative under a mandate of the requester's: shown on the timeline as theirs for the person. */
  onBehalf?: { mandateId: string; onBehalfOf: string } | null;
  /** A paper file filed before Jisr: its deadline and age count from the day it was first filed. */
  legacy?: LegacyFiling | null;
};

/** Allocates the next number for the institution and year; atomic under concurrency on both databases. */
export async function nextSequence(tx: Executor, institutionId: string, year: number): Promise<number> {
  const [row] = await tx
    .insert(trackingCounters)
    .values({ institutionId, year, value: 1 })
    .onConflictDoUpdate({
      target: [trackingCounters.institutionId, trackingCounters.year],
      set: { value: sql`${trackingCounters.value} + 1` },
    })
    .returning({ value: trackingCounters.value });
  return row!.value;
}

/**
 * Files a case in one act: the case, its papers (already checked on arrival), its first timeline step, the
 * audit entry and the receipt, in one transaction. With a client key, a repeated send gets the first case
 * back (`repeated: true`), even when both sends race.
 */
export async function createCase(ctx: Ctx, input: NewCaseInput) {
  const filer = ctx.actor?.accountId;
  if (input.clientKey && filer) {
    const earlier = await repeatedFiling(ctx, filer, input.clientKey);
    if (earlier) return earlier;
  }
  try {
    return { ...(await fileCase(ctx, input)), repeated: false };
  } catch (err) {
    // the same key sent twice at once: the second transaction fails on the key, the first case stands
    if (input.clientKey && filer && isUniqueViolation(err)) {
      const earlier = await repeatedFiling(ctx, filer, input.clientKey);
      if (earlier) return earlier;
    }
    throw err;
  }
}

async function repeatedFiling(ctx: Ctx, accountId: string, clientKey: string) {
  const earlier = await filedWithKey(ctx.db, ctx.secret, accountId, clientKey);
  if (!earlier) return null;
  const [c] = await ctx.db.select(caseColumns).from(cases).where(eq(cases.id, earlier.caseId));
  const institution = await getInstitution(ctx.db, c!.institutionId);
  const category = await categoryFor(ctx.db, c!.institutionId, c!.categoryId);
  return {
    case: c!,
    accessCode: earlier.accessCode,
    institution: institution!,
    category: category!,
    repeated: true,
  };
}

async function fileCase(ctx: Ctx, input: NewCaseInput) {
  const now = ctx.now?.() ?? currentTime();
  // The body, the category, the department and the requester: read together (independent of each other).
  const [institution, category, department, [found]] = await Promise.all([
    getInstitution(ctx.db, input.institutionId),
    categoryFor(ctx.db, input.institutionId, input.categoryId),
    input.departmentId ? getOpenDepartment(ctx.db, input.institutionId, input.departmentId) : null,
    ctx.db
      .select({ requester: accounts, profile: citizenProfiles })
      .from(accounts)
      .leftJoin(citizenProfiles, eq(citizenProfiles.accountId, accounts.id))
      .where(eq(accounts.id, input.requesterId)),
  ]);
  if (!institution) throw fail('institution-unknown');
  if (!category?.active) throw fail('category-unknown');
  if (input.departmentId && !department) throw fail('department-unknown');
  const problems = [
    ...validateFields(category.fields, input.fields, now),
    ...(input.legacy ? legacyProblems(input.legacy, now) : []),
  ];
  if (problems.length) throw new ValidationError(problems);
  const accessCode = newAccessCode();
  if (!found) throw fail('requester-unknown');
  const { requester, profile } = found;
  // a case is a citizen's: the desk cannot file under a staff account (its own or a colleague's)
  if (requester.kind !== 'citizen') throw fail('requester-not-citizen');
  // letters and messages address the person by name: a name in one script at least, before the first filing
  const named =
    (profile?.givenNameLatin && profile.familyNameLatin) || (profile?.givenNameAr && profile.familyNameAr);
  if (input.intakeChannel === 'web' && requester.kind === 'citizen' && !named)
    throw fail('profile-name-required');
  // The names in both scripts, then the display name when it says something else.
  const requesterName = [
    [profile?.givenNameLatin, profile?.familyNameLatin],
    [profile?.givenNameAr, profile?.familyNameAr],
    [requester.displayName],
  ]
    .map((parts) => parts.filter(Boolean).join(' '))
    .filter((n, i, all) => n && all.indexOf(n) === i)
    .join(' · ');
  // The number is taken in its own statement, before the transaction: taken inside, the counter's row stays
  // locked until the commit, and every filing for the same body waits for the one before it. A transaction
  // that fails afterwards leaves a gap in the sequence, which is harmless.
  const seq = await nextSequence(ctx.db, institution.id, yearInMorocco(now));
  const created = await ctx.db.transaction(async (tx) => {
    const trackingNumber = formatTrackingNumber(institution.code, yearInMorocco(now), seq);
    const [row] = await tx
      .insert(cases)
      .values({
        institutionId: institution.id,
        trackingNumber,
        accessCodeHash: hmac(ctx.secret, normalizeAccessCode(accessCode)),
        kind: category.kind,
        categoryId: category.id,
        subject: input.subject,
        description: input.description,
        fields: input.fields,
        intakeChannel: input.intakeChannel,
        replyChannels: input.replyChannels,
        language: input.language,
        requesterId: input.requesterId,
        requesterName,
        requesterCountry: profile?.countryOfResidence ?? null,
        representativeId: input.representativeId ?? null,
        mandateReference: input.mandateReference ?? null,
        departmentId: input.departmentId ?? null,
        state: 'submitted',
        dueAt: input.legacy
          ? legacyDueDate(input.legacy.filedOn, category.deadlineDays)
          : initialDueDate(now, category.deadlineDays),
        ...legacyColumns(input.legacy),
        createdAt: now,
        updatedAt: now,
      })
      .returning(caseColumns);
    await tx.insert(caseEvents).values({
      caseId: row!.id,
      type: 'submitted',
      actorId: ctx.actor?.accountId ?? null,
      toState: 'submitted',
      // the department it was filed with: the first stay of "where is my file"
      data: {
        channel: input.intakeChannel,
        departmentId: input.departmentId ?? null,
        ...(input.onBehalf ?? {}),
        ...(input.legacy ? { legacy: { service: null, ...input.legacy } } : {}),
      },
      createdAt: now,
    });
    await audit(tx, ctx, {
      action: 'case.create',
      entityType: 'case',
      entityId: row!.id,
      institutionId: institution.id,
      data: { trackingNumber, kind: category.kind, category: category.code, channel: input.intakeChannel },
    });
    if (ctx.actor) {
      const papers = await claimPendingUploads(
        tx,
        ctx.actor.accountId,
        input.attachmentIds ?? [],
        input.caseQuota,
      );
      await recordAttachments(
        tx,
        {
          caseId: row!.id,
          institutionId: institution.id,
          actorId: ctx.actor.accountId,
          requestId: ctx.requestId,
        },
        papers,
      );
      if (input.clientKey)
        await recordFilingKey(tx, ctx.secret, {
          accountId: ctx.actor.accountId,
          clientKey: input.clientKey,
          caseId: row!.id,
          accessCode,
        });
    }
    await notifyCaseEvent(tx, {
      event: 'receipt',
      caseRow: row!,
      ref: 'created',
      code: accessCode,
      secretKey: ctx.secret,
      publicUrl: ctx.publicUrl,
      now,
    });
    await queueCaseWebhook(tx, {
      event: 'case.filed',
      caseId: row!.id,
      institutionId: institution.id,
      key: 'filed',
      now,
    });
    return row!;
  });
  return { case: created, accessCode, institution, category };
}

type InstitutionPlace = { regionCode: string; provinceCode: string | null };

export const scopeOf = (c: CaseRow, inst: InstitutionPlace): CaseScope => ({
  institutionId: c.institutionId,
  regionCode: inst.regionCode,
  provinceCode: inst.provinceCode,
  requesterId: c.requesterId,
  representativeId: c.representativeId,
  departmentId: c.departmentId,
});

async function loadCase(db: Executor, id: string) {
  const [row] = await db
    .select({ c: caseColumns, regionCode: institutions.regionCode, provinceCode: institutions.provinceCode })
    .from(cases)
    .innerJoin(institutions, eq(institutions.id, cases.institutionId))
    .where(eq(cases.id, id));
  return row ? { c: row.c, scope: scopeOf(row.c, row) } : null;
}

/** A case the actor may read, or 404: a case someone may not read is indistinguishable from one that does not exist. */
export async function getReadableCase(ctx: Ctx, id: string) {
  const found = await loadCase(ctx.db, id);
  const actor = ctx.actor;
  // a relative's way in: the mandate is read on every request, so that revoking or expiry stops it at once
  if (found && actor?.kind === 'citizen' && !isOwnCase(actor, found.scope))
    found.scope.mandate = await mandateGrantFor(ctx.db, actor.accountId, found.c, nowOf(ctx));
  if (!found || !canReadCase(actor, found.scope)) throw notFound();
  return found;
}

/**
 * A case the actor may read and that can still change: one whose content the retention job removed is kept
 * for the record only (409), so that no new words or papers come back to it.
 */
export async function getWritableCase(ctx: Ctx, id: string) {
  const found = await getReadableCase(ctx, id);
  if (found.c.anonymisedAt) throw fail('case-anonymised');
  return found;
}

/** The event types that move a file between bodies and departments (the hops). */
const moveTypes: string[] = ['submitted', 'referred_inside', 'transferred', 'assigned'];

/** Every event of a case with its actor's name and kind, oldest first: what its timeline and hops are made of. */
async function caseEventRows(db: Executor, caseId: string, includeInternal = true) {
  return db
    .select({ e: caseEvents, actorName: accounts.displayName, actorKind: accounts.kind })
    .from(caseEvents)
    .leftJoin(accounts, eq(accounts.id, caseEvents.actorId))
    .where(
      and(
        eq(caseEvents.caseId, caseId),
        // for the person: the public events, and the moves that make the hops (their internal words unread)
        includeInternal
          ? undefined
          : or(eq(caseEvents.visibility, 'public'), inArray(caseEvents.type, moveTypes)),
      ),
    )
    .orderBy(asc(caseEvents.id));
}
type CaseEventRow = Awaited<ReturnType<typeof caseEventRows>>[number];

export async function caseTimeline(db: Executor, caseId: string, includeInternal: boolean) {
  return timelineOf(db, await caseEventRows(db, caseId, includeInternal), includeInternal);
}

/**
 * What a case's page and its tracking page show of its history, from one read of its events: the timeline
 * (the public events only, unless `includeInternal`) and the hops between bodies and departments.
 */
export async function caseStory(db: Executor, c: CaseRow, includeInternal: boolean, now: Date) {
  const events = await caseEventRows(db, c.id, includeInternal);
  const [timeline, hops] = await Promise.all([
    timelineOf(db, events, includeInternal),
    caseHopsOf(db, c, includeInternal, now, events),
  ]);
  return { timeline, hops };
}

async function timelineOf(db: Executor, all: CaseEventRow[], includeInternal: boolean) {
  const rows = includeInternal ? all : all.filter(({ e }) => e.visibility === 'public');
  const mandators = await namesOf(
    db,
    rows.map(({ e }) => e.data.onBehalfOf).filter((x): x is string => typeof x === 'string'),
  );
  return rows.map(({ e, actorName, actorKind }) => ({
    id: e.id,
    type: e.type,
    fromState: e.fromState,
    toState: e.toState,
    // why a case moved between departments is the staff's business; the citizen sees that it moved
    reason: !includeInternal && e.type === 'transferred' ? null : e.reason,
    // the citizen reads the approved reply part by part
    data: includeInternal
      ? e.data
      : e.type === 'reply_approved' && partsOf(e.data)
        ? { parts: partsOf(e.data) }
        : // which step up the person took: theirs to read
          e.type === 'citizen_escalated'
          ? { level: e.data.level }
          : // a message that came another way (WhatsApp, e-mail), and the attachments of it not accepted
            e.type === 'citizen_message'
            ? { channel: e.data.channel, ...(e.data.refused ? { refused: e.data.refused } : {}) }
            : {},
    visibility: e.visibility,
    at: e.createdAt.toISOString(),
    actor: actorName
      ? { name: actorKind === 'staff' && !includeInternal ? null : actorName, kind: actorKind }
      : null,
    // "by X for Y under mandate M": a relative acted for the person
    onBehalf:
      typeof e.data.mandateId === 'string' && typeof e.data.onBehalfOf === 'string'
        ? { mandateId: e.data.mandateId, name: mandators.get(e.data.onBehalfOf) ?? null }
        : null,
  }));
}

/** The mandate a relative reads the case under: whose it is, what it allows, whether the paper was checked. */
async function underMandate(db: Executor, scope: CaseScope) {
  const m = scope.mandate!;
  const names = await namesOf(db, [m.mandatorId]);
  return { id: m.id, forName: names.get(m.mandatorId) ?? '', actions: m.actions, verified: m.verified };
}

/** The display names of some accounts, by id. */
async function namesOf(db: Executor, ids: string[]) {
  if (!ids.length) return new Map<string, string>();
  const rows = await db
    .select({ id: accounts.id, name: accounts.displayName })
    .from(accounts)
    .where(inArray(accounts.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The events that move a file between bodies and departments, oldest first, from the events already read. */
function movesOf(events: CaseEventRow[]) {
  return events
    .filter(({ e }) => moveTypes.includes(e.type))
    .map(({ e }) => ({ type: e.type, reason: e.reason, data: e.data, at: e.createdAt }));
}

/** The events that move a file between bodies and departments, in one query, oldest first. */
async function moveEvents(db: Executor, caseId: string) {
  const rows = await db
    .select({
      type: caseEvents.type,
      reason: caseEvents.reason,
      data: caseEvents.data,
      at: caseEvents.createdAt,
    })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), inArray(caseEvents.type, moveTypes)))
    .orderBy(asc(caseEvents.id));
  return rows;
}

/**
 * "Where is my file": the case's hops with the names of the bodies and departments. The staff's own words
 * for a transfer (`internalReason`) are given to the staff only; the citizen reads the translated reason.
 * The last hop is counted until now, or until the case was closed.
 */
export async function caseHopsOf(
  db: Executor,
  c: CaseRow,
  includeInternal: boolean,
  now: Date,
  /** The case's events when already read (see `caseStory`). */
  events?: CaseEventRow[],
) {
  const moves = events ? movesOf(events) : await moveEvents(db, c.id);
  const raw = caseHops(moves, c, c.closedAt && c.closedAt < now ? c.closedAt : now);
  return nameHops(db, raw, includeInternal);
}

/** The hops with the names of their bodies and departments, read together (one query each). */
async function nameHops(db: Executor, raw: RawHop[], includeInternal: boolean) {
  const bodyIds = [...new Set(raw.map((h) => h.institutionId))];
  const deptIds = [...new Set(raw.flatMap((h) => (h.departmentId ? [h.departmentId] : [])))];
  const nameColumns = {
    id: institutions.id,
    nameAr: institutions.nameAr,
    nameFr: institutions.nameFr,
    nameEn: institutions.nameEn,
  };
  const [bodyRows, deptRows] = await Promise.all([
    bodyIds.length ? db.select(nameColumns).from(institutions).where(inArray(institutions.id, bodyIds)) : [],
    deptIds.length
      ? db
          .select({
            id: departments.id,
            institutionId: departments.institutionId,
            nameAr: departments.nameAr,
            nameFr: departments.nameFr,
            nameEn: departments.nameEn,
          })
          .from(departments)
          .where(inArray(departments.id, deptIds))
      : [],
  ]);
  const bodies = new Map(bodyRows.map((b) => [b.id, b]));
  const depts = new Map(deptRows.map((d) => [d.id, d]));
  const named = (x: { id: string; nameAr: string; nameFr: string; nameEn: string }) => ({
    id: x.id,
    nameAr: x.nameAr,
    nameFr: x.nameFr,
    nameEn: x.nameEn,
  });
  return raw.flatMap((h) => {
    const body = bodies.get(h.institutionId);
    if (!body) return [];
    const found = h.departmentId ? depts.get(h.departmentId) : undefined;
    const dept = found && found.institutionId === h.institutionId ? found : null;
    return [
      {
        institution: named(body),
        department: dept ? named(dept) : null,
        from: h.from.toISOString(),
        until: h.until?.toISOString() ?? null,
        workingDays: h.workingDays,
        move: h.move,
        reason: h.reasonCode,
        reasonText: h.publicText,
        ...(includeInternal ? { internalReason: h.internalText } : {}),
      },
    ];
  });
}

/**
 * Tells the citizen their file moved, in the transaction of the move: the moves of the day in Morocco so
 * far, so that several moves in a day make one message (see `notifyCaseMoved`).
 */
async function notifyMoved(tx: Executor, ctx: Ctx, c: CaseRow, now: Date) {
  const today = moroccanDate(now);
  const hops = await nameHops(tx, caseHops(await moveEvents(tx, c.id), c, now), false);
  const moves = hops.filter((h) => h.move !== 'filed' && moroccanDate(new Date(h.from)) === today);
  if (!moves.length) return;
  await notifyCaseMoved(tx, {
    caseRow: c,
    day: today,
    moves: moves.map((h) => ({ institution: h.institution, department: h.department, reason: h.reason })),
    publicUrl: ctx.publicUrl,
    now,
  });
}

export function presentCase(c: Omit<CaseRow, 'search'>, actor: Actor | null, now = currentTime()) {
  const staffView = !!actor && actor.kind === 'staff';
  return {
    id: c.id,
    trackingNumber: c.trackingNumber,
    institutionId: c.institutionId,
    kind: c.kind,
    categoryId: c.categoryId,
    subject: c.subject,
    description: c.description,
    fields: c.fields,
    intakeChannel: c.intakeChannel,
    replyChannels: c.replyChannels,
    language: c.language,
    requesterId: c.requesterId,
    representativeId: c.representativeId,
    departmentId: c.departmentId,
    assigneeId: staffView ? c.assigneeId : null,
    state: c.state,
    dueAt: c.dueAt.toISOString(),
    overdue: isOverdue(c.dueAt, now, pausedStates.includes(c.state)),
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    closedAt: c.closedAt?.toISOString() ?? null,
    /** Set when the retention period ran out: subject, description, fields and papers are gone. */
    anonymisedAt: c.anonymisedAt?.toISOString() ?? null,
    /** A paper file registered late: its old reference and the day it was first filed; null otherwise. */
    legacy: legacyOf(c),
  };
}

export async function viewCase(ctx: Ctx, id: string) {
  const { c, scope } = await getReadableCase(ctx, id);
  const staff = ctx.actor?.kind === 'staff';
  // Independent of each other: sent together (each on its own connection of the pool where there is one).
  const [, { timeline, hops }, requester] = await Promise.all([
    // Law 09-08: every staff view of a person's file is logged, with the reader's role and purpose.
    recordCaseRead(ctx.db, ctx.actor, {
      action: 'case.view',
      caseId: c.id,
      institutionId: c.institutionId,
      requestId: ctx.requestId,
    }),
    caseStory(ctx.db, c, staff, nowOf(ctx)),
    // once the content is removed, the body no longer sees who filed the case
    staff && !c.anonymisedAt ? requesterCard(ctx.db, c.requesterId) : null,
  ]);
  const side = speaksForCase(ctx.actor, scope) ? 'citizen' : 'staff';
  const actions = c.anonymisedAt
    ? []
    : availableActions(c.state, c.kind, side).filter((a) => canActOnCase(ctx.actor, scope, a));
  return {
    ...presentCase(c, ctx.actor),
    timeline,
    hops,
    availableActions: actions,
    ...(actsUnderMandate(ctx.actor, scope) ? { underMandate: await underMandate(ctx.db, scope) } : {}),
    ...(requester ? { requester } : {}),
  };
}

/** Who filed the case, as the staff need it to answer: names in both scripts, where they live, how to reach them. */
async function requesterCard(db: Executor, accountId: string) {
  const [p, [acc]] = await Promise.all([
    getCitizenProfile(db, accountId),
    db.select({ displayName: accounts.displayName }).from(accounts).where(eq(accounts.id, accountId)),
  ]);
  if (!p) return { displayName: acc?.displayName ?? '—' };
  return {
    displayName: acc?.displayName ?? '—',
    givenNameAr: p.givenNameAr,
    familyNameAr: p.familyNameAr,
    givenNameLatin: p.givenNameLatin,
    familyNameLatin: p.familyNameLatin,
    email: isPlaceholderEmail(p.email) ? null : p.email,
    phone: p.phone,
    countryOfResidence: p.countryOfResidence,
    addressAbroad: p.addressAbroad,
    preferredLanguage: p.preferredLanguage,
  };
}

/** The notifications an action sends, in its transaction: to the citizen, or to the author of a returned draft. */
async function notifyOfAction(
  tx: Executor,
  ctx: Ctx,
  c: CaseRow,
  action: CaseAction,
  ref: string,
  reason: string | null | undefined,
  now: Date,
) {
  const citizenEvent = {
    request_info: 'info_requested',
    approve_reply: 'reply_sent',
    mark_ready: 'ready',
    close: 'closed',
    reject: 'rejected',
    refer: 'referred',
  } as const;
  const draft = async () => {
    const [d] = await tx
      .select({ reason: caseEvents.reason, actorId: caseEvents.actorId })
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, c.id), eq(caseEvents.type, 'reply_drafted')))
      .orderBy(desc(caseEvents.id))
      .limit(1);
    return d;
  };
  if (action in citizenEvent) {
    const event = citizenEvent[action as keyof typeof citizenEvent];
    const reply = event === 'reply_sent' ? ((await draft())?.reason ?? null) : null;
    await notifyCaseEvent(tx, { event, caseRow: c, ref, reason, reply, publicUrl: ctx.publicUrl, now });
    // the relatives acting for the person hear that the body wrote
    await notifyGrantees(tx, ctx, c, now);
  } else if (action === 'refer_inside') {
    await notifyMoved(tx, ctx, c, now);
  } else if (action === 'return_reply') {
    const author = (await draft())?.actorId ?? c.assigneeId;
    if (author)
      await notifyStaff(tx, {
        event: 'returned',
        caseRow: c,
        staffIds: [author],
        ref,
        reason,
        publicUrl: ctx.publicUrl,
        now,
      });
  }
}

/** The problem for each refusal of the state machine. */
const transitionProblems = {
  action_not_for_actor: 'transition-action-not-for-actor',
  action_not_allowed_in_state: 'transition-action-not-allowed-in-state',
  document_requests_only: 'transition-document-requests-only',
  reason_required: 'transition-reason-required',
  reopen_window_passed: 'transition-reopen-window-passed',
} as const satisfies Record<TransitionRefusal, ProblemCode>;

/** Applies one step of the state machine, with the optimistic version check, timeline and audit in one transaction. */
export async function applyAction(
  ctx: Ctx,
  id: string,
  input: { action: CaseAction; version: number; reason?: string | null; parts?: ReplyPartsInput },
  extra: { patch?: Partial<typeof cases.$inferInsert>; data?: Record<string, unknown> } = {},
) {
  const now = ctx.now?.() ?? currentTime();
  const { c, scope } = await getWritableCase(ctx, id);
  if (!canActOnCase(ctx.actor, scope, input.action)) throw forbidden();
  // A structured draft: its parts kept in the event, its plain text composed in the citizen's language.
  if (input.action === 'submit_reply' && input.parts) {
    const { legalBasisIds, ...rest } = input.parts;
    const cited = await chosenLegalBases(ctx.db, c, legalBasisIds);
    const legalBases = cited.map(({ id, citation, titleAr, titleFr, titleEn }) => ({
      id,
      citation,
      titleAr,
      titleFr,
      titleEn,
    }));
    const parts = { ...rest, legalBases };
    extra = { ...extra, data: { ...extra.data, parts } };
    input = { ...input, reason: composeReply(parts, c.language) || input.reason };
  }
  const side = speaksForCase(ctx.actor, scope) ? 'citizen' : 'staff';
  const byMandate = mandateEventData(ctx.actor, scope);
  const settledAt =
    c.state === 'answered' || c.state === 'closed' || c.state === 'rejected'
      ? (c.closedAt ?? c.updatedAt)
      : null;
  const result = transition({
    state: c.state,
    kind: c.kind,
    action: input.action,
    side,
    reason: input.reason,
    now,
    settledAt,
  });
  if (!result.ok) {
    throw fail(
      transitionProblems[result.error],
      { state: c.state, days: REOPEN_WINDOW_DAYS, count: REOPEN_WINDOW_DAYS },
      { state: c.state },
    );
  }
  const to: CaseState = result.to;
  // The approved reply is the last draft, and only a complete one: every part, or approval is refused.
  const draft = input.action === 'approve_reply' ? await latestDraft(ctx.db, c.id) : null;
  if (input.action === 'approve_reply') {
    const parts = partsOf(draft?.data);
    const missing = missingParts(parts);
    if (missing.length)
      throw fail('reply-part-missing', { parts: partList(ctx.lang ?? 'ar', missing) }, { missing });
    extra = { ...extra, data: { ...extra.data, parts } };
  }
  const patch: Partial<typeof cases.$inferInsert> = { state: to, updatedAt: now };
  if (to === 'awaiting_citizen') patch.pausedAt = now;
  if (c.state === 'awaiting_citizen' && c.pausedAt) {
    patch.dueAt = resumeDueDate(c.dueAt, c.pausedAt, now);
    patch.pausedAt = null;
  }
  if (['answered', 'closed', 'rejected', 'referred', 'withdrawn'].includes(to)) patch.closedAt = now;
  if (to === 'reopened') patch.closedAt = null;
  Object.assign(patch, extra.patch);
  return ctx.db.transaction(async (tx) => {
    const ev = eventOf[input.action];
    // The approved reply is the last draft: it becomes the reasoned answer the citizen reads.
    const reason = draft ? draft.reason : input.reason?.trim() || null;
    const { updated, eventId } = await changeCase(tx, { ...ctx, now: () => now }, c, {
      version: input.version,
      patch,
      event: {
        type: ev.type,
        fromState: c.state,
        toState: to,
        reason,
        visibility: ev.visibility,
        data: { ...extra.data, ...byMandate },
      },
      audit: { action: input.action, data: { from: c.state, to, ...extra.data, ...byMandate } },
    });
    await notifyOfAction(tx, ctx, updated, input.action, String(eventId), reason, now);
    await queueCaseActionWebhook(tx, input.action, c, updated, eventId, now);
    if (byMandate) await notifyMandateUse(tx, ctx, updated, byMandate);
    return presentCase(updated, ctx.actor, now);
  });
}

/** The last draft of the case's reply: its text and its parts (`data.parts`). */
export async function latestDraft(tx: Executor, caseId: string) {
  const [row] = await tx
    .select({ reason: caseEvents.reason, data: caseEvents.data })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.type, 'reply_drafted')))
    .orderBy(desc(caseEvents.id))
    .limit(1);
  return row ?? null;
}

/**
 * Sends the case to another body on the platform: it starts again there (submitted, with that body's
 * deadline) and keeps its tracking number, so the citizen follows it in the same place.
 */
export async function referInside(
  ctx: Ctx,
  id: string,
  input: { targetInstitutionId: string; version: number; reason: string; publicReason?: MoveReason },
) {
  const { c } = await getReadableCase(ctx, id);
  const target = await getInstitution(ctx.db, input.targetInstitutionId);
  if (!target || target.id === c.institutionId) throw fail('institution-unknown');
  const category = await categoryFor(ctx.db, target.id, c.categoryId);
  const now = ctx.now?.() ?? currentTime();
  return applyAction(
    ctx,
    id,
    { action: 'refer_inside', version: input.version, reason: input.reason },
    {
      patch: {
        institutionId: target.id,
        departmentId: null,
        assigneeId: null,
        pausedAt: null,
        dueAt: initialDueDate(now, category?.deadlineDays ?? 60),
      },
      data: {
        fromInstitutionId: c.institutionId,
        fromDepartmentId: c.departmentId,
        toInstitutionId: target.id,
        ...(input.publicReason ? { publicReason: input.publicReason } : {}),
      },
    },
  );
}

/**
 * Passes the case to another department of the same body, with the reason (kept among staff) and, if chosen,
 * the reason the citizen reads; the citizen is told that the file moved.
 */
export async function transferCase(
  ctx: Ctx,
  id: string,
  input: { departmentId: string; version: number; reason: string; publicReason?: MoveReason },
) {
  const { c, scope } = await getWritableCase(ctx, id);
  if (!canActOnCase(ctx.actor, scope, 'note')) throw forbidden();
  if (!(await getOpenDepartment(ctx.db, c.institutionId, input.departmentId)))
    throw fail('department-unknown');
  return ctx.db.transaction(async (tx) => {
    const { updated, eventId } = await changeCase(tx, ctx, c, {
      version: input.version,
      patch: { departmentId: input.departmentId, assigneeId: null },
      event: {
        type: 'transferred',
        reason: input.reason,
        data: {
          fromDepartmentId: c.departmentId,
          toDepartmentId: input.departmentId,
          ...(input.publicReason ? { publicReason: input.publicReason } : {}),
        },
      },
      audit: { action: 'transfer', data: { from: c.departmentId, to: input.departmentId } },
    });
    if (updated.departmentId !== c.departmentId) await notifyMoved(tx, ctx, updated, nowOf(ctx));
    await queueCaseWebhook(tx, {
      event: 'case.transferred',
      caseId: c.id,
      institutionId: c.institutionId,
      toInstitutionId: c.institutionId,
      key: String(eventId),
      now: nowOf(ctx),
    });
    return presentCase(updated, ctx.actor);
  });
}

/**
 * Puts the actor's text on the case's timeline, a note for the staff only or a message for all, with its
 * `case.note` or `case.message` audit row; answers the event's id and time.
 */
async function writeText(
  tx: Executor,
  ctx: Ctx,
  c: CaseRow,
  type: 'note' | 'message',
  text: string,
  data: Record<string, unknown> = {},
) {
  const [ev] = await tx
    .insert(caseEvents)
    .values({
      caseId: c.id,
      type,
      actorId: ctx.actor!.accountId,
      reason: text,
      data,
      visibility: type === 'note' ? 'internal' : 'public',
    })
    .returning();
  await audit(tx, ctx, {
    action: `case.${type}`,
    entityType: 'case',
    entityId: c.id,
    institutionId: c.institutionId,
    data,
  });
  return { id: ev!.id, at: ev!.createdAt.toISOString() };
}

/** An internal note: never shown to the citizen. */
export async function addNote(ctx: Ctx, id: string, text: string) {
  const { c, scope } = await getWritableCase(ctx, id);
  if (!canActOnCase(ctx.actor, scope, 'note')) throw forbidden();
  return ctx.db.transaction((tx) => writeText(tx, ctx, c, 'note', text));
}

/** A message in the case's conversation, from the citizen or from the body; changes no state. */
export async function addMessage(ctx: Ctx, id: string, text: string) {
  const { c, scope } = await getWritableCase(ctx, id);
  const own = mayActFor(ctx.actor, scope, 'answer');
  if (!own && !canActOnCase(ctx.actor, scope, 'note')) throw forbidden();
  const byMandate = mandateEventData(ctx.actor, scope);
  return ctx.db.transaction(async (tx) => {
    const message = await writeText(tx, ctx, c, 'message', text, byMandate ?? {});
    if (byMandate) await notifyMandateUse(tx, ctx, c, byMandate);
    await tx.update(cases).set({ updatedAt: currentTime() }).where(eq(cases.id, c.id));
    // A message from the body reaches the citizen through the channels they chose.
    if (!own)
      await notifyCaseEvent(tx, {
        event: 'message',
        caseRow: c,
        ref: String(message.id),
        reason: text,
        publicUrl: ctx.publicUrl,
      });
    return message;
  });
}

/** Routes a case to a department and/or a person of the institution. */
export async function assignCase(
  ctx: Ctx,
  id: string,
  input: { version: number; departmentId?: string | null; assigneeId?: string | null },
) {
  const { c, scope } = await getWritableCase(ctx, id);
  const selfTake = input.assigneeId === ctx.actor?.accountId && input.departmentId === undefined;
  const allowed =
    canActOnCase(ctx.actor, scope, 'assign') || (selfTake && canActOnCase(ctx.actor, scope, 'start'));
  if (!allowed) throw forbidden();
  if (input.departmentId && !(await getOpenDepartment(ctx.db, c.institutionId, input.departmentId)))
    throw fail('department-unknown');
  if (input.assigneeId && !(await isStaffOf(ctx.db, input.assigneeId, c.institutionId)))
    throw fail('assignee-invalid');
  return ctx.db.transaction(async (tx) => {
    const patch: Partial<typeof cases.$inferInsert> = {};
    if (input.departmentId !== undefined) patch.departmentId = input.departmentId;
    if (input.assigneeId !== undefined) patch.assigneeId = input.assigneeId;
    const assigned = {
      departmentId: input.departmentId === undefined ? c.departmentId : input.departmentId,
      assigneeId: input.assigneeId === undefined ? c.assigneeId : input.assigneeId,
    };
    const { updated } = await changeCase(tx, ctx, c, {
      version: input.version,
      patch,
      event: { type: 'assigned', data: assigned, visibility: 'public' },
      audit: { action: 'assign', data: assigned },
    });
    if (updated.departmentId && updated.departmentId !== c.departmentId)
      await notifyMoved(tx, ctx, updated, nowOf(ctx));
    if (
      updated.assigneeId &&
      updated.assigneeId !== c.assigneeId &&
      updated.assigneeId !== ctx.actor?.accountId
    )
      await notifyStaff(tx, {
        event: 'assigned',
        caseRow: updated,
        staffIds: [updated.assigneeId],
        ref: `v${updated.version}`,
        publicUrl: ctx.publicUrl,
      });
    return presentCase(updated, ctx.actor);
  });
}

export type CaseListQuery = QueueFilters & { limit: number; cursor?: string; counts?: boolean };

/**
 * Citizens: their own cases (and those they represent), newest first. Staff and overseers: the queue of
 * the bodies they may read, filtered and searched (see queue.ts), with counts on request.
 */
export async function listCases(ctx: Ctx, q: CaseListQuery) {
  const actor = ctx.actor!;
  const now = ctx.now?.() ?? currentTime();
  if (actor.kind === 'citizen') {
    const mine = or(eq(cases.requesterId, actor.accountId), eq(cases.representativeId, actor.accountId))!;
    const { rows, nextCursor } = await queuePage(ctx.db, actor, [], q, q, now, mine);
    return { items: rows.map((c) => presentCase(c, actor, now)), nextCursor };
  }
  const ids = queueScope(actor, await visibleInstitutionIds(ctx.db, actor), q.institutionId);
  const { rows, nextCursor } = await queuePage(ctx.db, actor, ids, q, q, now);
  return {
    items: rows.map((c) => ({
      ...presentCase(c, actor, now),
      requesterName: c.requesterName,
      requesterCountry: c.requesterCountry,
    })),
    nextCursor,
    ...(q.counts ? { counts: await queueCounts(ctx.db, actor, ids, q, now) } : {}),
  };
}

/** Institutions whose cases a staff member or overseer may read. */
export async function visibleInstitutionIds(db: Executor, actor: Actor): Promise<string[]> {
  const ids = new Set(actor.memberships.map((m) => m.institutionId));
  for (const s of actor.scopes) {
    const cond =
      s.scope === 'nation'
        ? undefined
        : s.scope === 'region'
          ? eq(institutions.regionCode, s.territoryCode ?? '')
          : eq(institutions.provinceCode, s.territoryCode ?? '');
    for (const r of await db.select({ id: institutions.id }).from(institutions).where(cond)) ids.add(r.id);
  }
  return [...ids];
}

/** Tracking without an account: number + secret code. Shows the state and the public timeline only. */
/** The case of a tracking number and its secret code, or 404 (the same whether the number or the code is wrong). */
export async function trackedCase(ctx: Ctx, trackingNumber: string, accessCode: string) {
  const [row] = await ctx.db
    .select({ c: caseColumns, inst: institutions })
    .from(cases)
    .innerJoin(institutions, eq(institutions.id, cases.institutionId))
    .where(eq(cases.trackingNumber, normalizeTrackingNumber(trackingNumber)));
  const expected = row?.c.accessCodeHash ?? '';
  const given = hmac(ctx.secret, normalizeAccessCode(accessCode));
  if (!row || expected !== given) throw fail('case-not-found');
  return row;
}

export async function trackCase(ctx: Ctx, trackingNumber: string, accessCode: string) {
  const row = await trackedCase(ctx, trackingNumber, accessCode);
  const c = row.c;
  // where the file is, as the person's own page shows it (without the staff's words)
  const { timeline, hops } = await caseStory(ctx.db, c, false, nowOf(ctx));
  return {
    id: c.id,
    trackingNumber: c.trackingNumber,
    institution: {
      id: row.inst.id,
      nameAr: row.inst.nameAr,
      nameFr: row.inst.nameFr,
      nameEn: row.inst.nameEn,
    },
    kind: c.kind,
    subject: c.subject,
    state: c.state,
    dueAt: c.dueAt.toISOString(),
    overdue: isOverdue(c.dueAt, currentTime(), pausedStates.includes(c.state)),
    createdAt: c.createdAt.toISOString(),
    anonymisedAt: c.anonymisedAt?.toISOString() ?? null,
    timeline,
    hops,
  };
}

/**
 * The person answers the body's question from the tracking page, with the number and the secret code that
 * prove the case is theirs: the same step as from their case page, recorded as theirs.
 */
export async function answerTracked(
  ctx: Ctx,
  input: { trackingNumber: string; accessCode: string; text: string },
) {
  const { c } = await trackedCase(ctx, input.trackingNumber, input.accessCode);
  if (c.state !== 'awaiting_citizen')
    throw fail('transition-action-not-allowed-in-state', { state: c.state }, { state: c.state });
  const [requester] = await ctx.db.select().from(accounts).where(eq(accounts.id, c.requesterId));
  const actor = await actorOf(ctx.db, requester!);
  await applyAction(
    { ...ctx, actor },
    c.id,
    { action: 'citizen_reply', version: c.version, reason: input.text },
    { data: { via: 'tracking_page' } },
  );
  return trackCase(ctx, input.trackingNumber, input.accessCode);
}

/** Everything filed by or for a person, for their data export (law 09-08): cases, public timeline, files. */
export async function casesOfPerson(db: Executor, accountId: string) {
  const rows = await db
    .select({ c: caseColumns, inst: institutions })
    .from(cases)
    .innerJoin(institutions, eq(institutions.id, cases.institutionId))
    .where(or(eq(cases.requesterId, accountId), eq(cases.representativeId, accountId)))
    .orderBy(asc(cases.createdAt));
  const out = [];
  for (const { c, inst } of rows) {
    const files = await db.select().from(attachments).where(eq(attachments.caseId, c.id));
    out.push({
      trackingNumber: c.trackingNumber,
      institution: inst.nameFr,
      kind: c.kind,
      subject: c.subject,
      description: c.description,
      fields: c.fields,
      state: c.state,
      replyChannels: c.replyChannels,
      createdAt: c.createdAt.toISOString(),
      dueAt: c.dueAt.toISOString(),
      closedAt: c.closedAt?.toISOString() ?? null,
      // the content was removed at the end of the retention period (law 09-08)
      anonymisedAt: c.anonymisedAt?.toISOString() ?? null,
      timeline: await caseTimeline(db, c.id, false),
      // who read the file (law 09-08): role, body, date
      accesses: await caseAccesses(db, c.id),
      attachments: files.map((f) => ({
        name: f.originalName,
        mediaType: f.mediaType,
        size: f.size,
        sha256: f.sha256,
      })),
    });
  }
  return out;
}

/** How many of a person's own cases still wait for an outcome. */
export async function openCaseCount(db: Executor, accountId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(cases)
    .where(
      and(
        eq(cases.requesterId, accountId),
        sql`${cases.state} not in ('closed', 'rejected', 'referred', 'withdrawn', 'answered', 'ready')`,
      ),
    );
  return row!.n;
}
