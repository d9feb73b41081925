/** The audit log's answers over HTTP: the routes declare them, the web app takes its types from them. */
import { z } from 'zod';
import { storedDateTime } from '../../shared/contract.js';

export const auditEntry = z.object({
  id: z.number().int(),
  at: storedDateTime,
  actorId: z.uuid().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  institutionId: z.uuid().nullable(),
  requestId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
/** A page of the log, newest first; `nextBefore` asks for the next one. */
export const auditPage = z.object({ items: z.array(auditEntry), nextBefore: z.number().int().nullable() });
