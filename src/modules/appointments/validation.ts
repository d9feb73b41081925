/** Request schemas shared by the appointment routes: times, names, services, rules, closures. */
import { z } from 'zod';
import { isoDate, safeText } from '../../server/validation.js';
import { appointmentModes } from './rules.js';
import { bookWithKinds, ruleKinds } from './slots.js';
import { canonicalTimeZone, parseMinutes } from './tz.js';

const custom = (key: string) => ({ params: { key } });

/** An IANA zone name (`Europe/Paris`), turned into its canonical spelling. */
export const timeZoneSchema = z
  .string()
  .max(64)
  .refine((s) => canonicalTimeZone(s) !== null, custom('validation.time_zone'))
  .transform((s) => canonicalTimeZone(s)!);
/** `HH:MM`, as minutes since midnight. */
export const clock = z
  .string()
  .max(5)
  .refine((s) => parseMinutes(s) !== null, custom('validation.time'))
  .transform((s) => parseMinutes(s)!);
export const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
export const idParams = z.object({ id: z.uuid() });
export const institutionQuery = z.strictObject({ institutionId: z.uuid() });
export const names = { nameAr: safeText(1, 160), nameFr: safeText(1, 160), nameEn: safeText(1, 160) };
export const titles = { titleAr: safeText(1, 160), titleFr: safeText(1, 160), titleEn: safeText(1, 160) };
export const reasons = {
  reasonAr: safeText(1, 300),
  reasonFr: safeText(1, 300),
  reasonEn: safeText(1, 300),
};

export const serviceFields = {
  ...names,
  departmentId: z.uuid().nullish(),
  bookWith: z.enum(bookWithKinds).default('window'),
  slotMinutes: z.number().int().min(5).max(480),
  bufferMinutes: z.number().int().min(0).max(240).default(0),
  capacity: z.number().int().min(1).max(100).default(1),
  modes: z.array(z.enum(appointmentModes)).min(1).max(2).default(['in_person']),
  minNoticeMinutes: z
    .number()
    .int()
    .min(0)
    .max(30 * 24 * 60)
    .default(120),
  horizonDays: z.number().int().min(1).max(366).default(60),
  videoRoomBase: z
    .url({ protocol: /^https$/ })
    .max(200)
    .nullish(),
  officialIds: z.array(z.uuid()).max(100).optional(),
};

export const timeRange = <T extends { startMinute: number; endMinute: number }>(v: T) =>
  v.startMinute < v.endMinute;
export const rangeError = { path: ['end'], params: { key: 'validation.time_range' } };

/** The fields of a weekly rule, without defaults (a change sends only what changes). */
const ruleFields = {
  serviceId: z.uuid().nullish(),
  officialId: z.uuid().nullish(),
  kind: z.enum(ruleKinds),
  weekday: z.number().int().min(1).max(7),
  start: clock,
  end: clock,
  capacity: z.number().int().min(1).max(100).nullish(),
  everyWeeks: z.number().int().min(1).max(8),
  anchorDate: isoDate.nullish(),
  validFrom: isoDate.nullish(),
  validTo: isoDate.nullish(),
};

export const ruleBody = z
  .strictObject({ ...ruleFields, institutionId: z.uuid(), everyWeeks: ruleFields.everyWeeks.default(1) })
  .transform(({ start, end, ...r }) => ({ ...r, startMinute: start, endMinute: end }))
  .refine(timeRange, rangeError);

/** A change to a rule: any of its fields; the times are checked against the rule as it will be. */
export const rulePatch = z
  .strictObject(ruleFields)
  .partial()
  .transform(({ start, end, ...r }) => ({
    ...r,
    ...(start === undefined ? {} : { startMinute: start }),
    ...(end === undefined ? {} : { endMinute: end }),
  }));

const closureFields = {
  serviceId: z.uuid().nullish(),
  kind: z.enum(['holiday', 'closure']),
  startDate: isoDate,
  endDate: isoDate,
  ...reasons,
};
const dateRange = { path: ['endDate'], params: { key: 'validation.date_range' } };

export const closureBody = z
  .strictObject({ institutionId: z.uuid(), ...closureFields })
  .refine((c) => c.startDate <= c.endDate, dateRange);

export const closurePatch = z
  .strictObject(closureFields)
  .partial()
  .refine((c) => !c.startDate || !c.endDate || c.startDate <= c.endDate, dateRange);
