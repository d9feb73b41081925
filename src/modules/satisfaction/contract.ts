/** The satisfaction figures and follow-up tasks over HTTP: the routes declare them, the web app takes its types. */
import { z } from 'zod';
import { isoDateTime, names } from '../../shared/contract.js';

export const satisfactionGroupBy = z.enum(['category', 'department', 'agent']);

const scores = {
  count: z.number().int(),
  average: z.number().nullable(),
  /** how many gave each score, 1 to 5 */
  distribution: z.array(z.number().int()).length(5),
};

/** A body's satisfaction: in all and per group (worst average first), with the latest comments. */
export const satisfaction = z.object({
  groupBy: satisfactionGroupBy,
  total: z.object(scores),
  groups: z.array(
    z.object({
      /** null: ratings with no department, or no agent holding the case when it was rated */
      id: z.uuid().nullable(),
      /** an agent's name */
      name: z.string().optional(),
      nameAr: z.string().optional(),
      nameFr: z.string().optional(),
      nameEn: z.string().optional(),
      ...scores,
    }),
  ),
  comments: z.object({
    items: z.array(
      z.object({
        caseId: z.uuid(),
        trackingNumber: z.string(),
        score: z.number().int(),
        comment: z.string(),
        at: isoDateTime,
      }),
    ),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  }),
});

/** The public figures: per body with enough ratings, their number and average. */
export const publicSatisfaction = z.object({
  minRatings: z.number().int(),
  institutions: z.array(
    z.object({ id: z.uuid(), code: z.string(), ...names, count: z.number().int(), average: z.number() }),
  ),
});

export const followUpStatus = z.enum(['open', 'done']);

export const followUp = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  trackingNumber: z.string(),
  subject: z.string(),
  reason: z.enum(['low_rating']),
  score: z.number().int(),
  openedAt: isoDateTime,
  doneAt: isoDateTime.nullable(),
  doneByName: z.string().nullable(),
  outcomeNote: z.string().nullable(),
});

export const followUpList = z.object({
  items: z.array(followUp),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const followUpDone = z.object({ id: z.uuid(), doneAt: isoDateTime });
