/** The oversight figures' answers over HTTP: the routes declare them, the web app takes its types from them. */
import { z } from 'zod';
import { isoDateTime, names } from '../../shared/contract.js';
import { caseStates } from '../cases/contract.js';
import { institutionTypes } from '../institutions/contract.js';

/** Every body of my territory with its open, overdue and oldest cases. */
export const oversight = z.object({
  institutions: z.array(
    z.object({
      id: z.uuid(),
      code: z.string(),
      type: institutionTypes,
      ...names,
      provinceCode: z.string().nullable(),
      open: z.number().int(),
      overdue: z.number().int(),
      received90: z.number().int(),
      medianDaysToAnswer: z.number().nullable(),
      oldestOpenAt: isoDateTime.nullable(),
    }),
  ),
  /** How many bodies there are in all, and where the next page starts (null: this is the last). */
  total: z.number().int(),
  nextOffset: z.number().int().nullable(),
  /** When the figures were counted: now for a province or a body, up to a minute ago for wider scopes. */
  asOf: isoDateTime,
  oldest: z.array(
    z.object({
      id: z.uuid(),
      trackingNumber: z.string(),
      subject: z.string(),
      state: caseStates,
      institutionCode: z.string(),
      dueAt: isoDateTime,
      createdAt: isoDateTime,
    }),
  ),
});

const load = {
  open: z.number().int(),
  overdue: z.number().int(),
  waitingCitizen: z.number().int(),
  oldestAt: isoDateTime.nullable(),
};
/** One body's work in hand per department and per person, and its flow over 30 days. */
export const dashboard = z.object({
  totals: z.object({
    ...load,
    received30: z.number().int(),
    answered30: z.number().int(),
    medianDaysToAnswer: z.number().nullable(),
  }),
  byDepartment: z.array(z.object({ id: z.uuid().nullable(), ...load })),
  byPerson: z.array(z.object({ id: z.uuid().nullable(), name: z.string().nullable(), ...load })),
});
