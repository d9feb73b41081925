/** The stalled files' answers over HTTP: the routes declare them, the web app takes its types from them. */
import { z } from 'zod';
import { isoDateTime } from '../../shared/contract.js';
import { caseStates } from '../cases/contract.js';

/** Open cases with no action for N days, oldest first, with who holds them. */
export const stalledCases = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      trackingNumber: z.string(),
      subject: z.string(),
      state: caseStates,
      dueAt: isoDateTime,
      updatedAt: isoDateTime,
      idleDays: z.number().int(),
      assignee: z.string().nullable(),
      departmentFr: z.string().nullable(),
      departmentAr: z.string().nullable(),
      institutionId: z.uuid(),
      institutionFr: z.string(),
      institutionAr: z.string(),
      institutionEn: z.string(),
    }),
  ),
  total: z.number().int(),
});
