import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.js';
import { forbidden } from '../../server/errors.js';
import { currentTime } from '../../shared/clock.js';
import { binary } from '../../shared/contract.js';
import { recordDataRead } from '../audit/access-log.js';
import { getInstitution } from '../institutions/service.js';
import { EXPORT_MAX_ROWS, exportFormats, exportRights, exportStream } from './export.js';
import { queueFilters, queueScope } from './queue.js';
import { visibleInstitutionIds } from './service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The queue, with the same filters, as a file for a spreadsheet. */
export async function caseExportRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/cases/export',
    {
      schema: {
        tags: ['cases'],
        summary: `The filtered queue as CSV or XLSX (supervisors, administrators, auditors, overseers; the requester’s name and country for the body’s supervisors and administrators only; at most ${EXPORT_MAX_ROWS} cases)`,
        querystring: queueFilters.extend({ format: z.enum(exportFormats).default('csv') }),
        response: {
          200: {
            description: 'The cases as a spreadsheet file',
            content: {
              'text/csv': binary('text/csv', '').content['text/csv'],
              [XLSX]: binary(XLSX, '').content[XLSX],
            },
          },
        },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      if (actor.kind !== 'staff') throw forbidden();
      const { format, ...filters } = req.query;
      const db = req.server.deps.database.db;
      const ids = queueScope(actor, await visibleInstitutionIds(db, actor), filters.institutionId);
      const { personal } = exportRights(actor, ids);
      const now = currentTime();
      // the export is a read of people's files: logged with its filters (their names, never their values)
      await recordDataRead(db, actor, {
        action: 'queue.export',
        institutionId: filters.institutionId ?? (ids.length === 1 ? ids[0]! : null),
        requestId: req.id,
        data: { format, personal, filters: Object.keys(filters).sort() },
      });
      const body = ids.length === 1 ? await getInstitution(db, ids[0]!) : null;
      const name = `jisr-${body?.code ?? 'cases'}-${now.toISOString().slice(0, 10)}.${format}`;
      return reply
        .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX)
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store')
        .send(exportStream(format, db, actor, ids, filters, req.lang, personal, now));
    },
  );
}
