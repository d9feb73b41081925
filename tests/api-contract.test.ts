import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as appointments from '../src/modules/appointments/contract.js';
import * as cases from '../src/modules/cases/contract.js';
import { Client, fileComplaintAtAml, signedIn, usePlatform } from './support/platform.js';

type Operation = {
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
};

/** Answers that are files, not JSON: each must still declare its media type, as a binary string. */
const binaryDownloads = new Set([
  'POST /api/cases/{id}/receipt.pdf',
  'GET /api/cases/{id}/reply.pdf',
  'POST /api/track/reply.pdf',
  'GET /api/cases/{id}/attachments/{attachmentId}',
  'GET /api/appointments/{id}/calendar.ics',
  'GET /api/letters/{id}/pdf',
  'GET /api/letter-batches/{id}/cover.pdf',
  'GET /api/letter-batches/{id}/letters.pdf',
  'GET /api/public/figures.csv',
  'GET /api/public/open-data/{file}',
]);

/** The answer conforms to the route's response schema (the web's types are read from the same schema). */
function expectConforms(schema: z.ZodType, body: unknown, what: string) {
  const checked = schema.safeParse(body);
  expect(checked.success, `${what}: ${checked.error?.message}`).toBe(true);
}

describe('the API contract', () => {
  const p = usePlatform('pglite');

  it('keeps the contract files free of server code, as the web app reads its types from them', () => {
    const files = readdirSync('src', { recursive: true, encoding: 'utf8' }).filter(
      (f) => path.basename(f) === 'contract.ts',
    );
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = readFileSync(path.join('src', file), 'utf8');
      const imported = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
      const outside = imported.filter((i) => i !== 'zod' && !i.endsWith('/contract.js'));
      expect(outside, file).toEqual([]);
    }
  });

  it('declares the answer of every operation in the OpenAPI document', async () => {
    const doc = (await p.app.inject('/api/openapi.json')).json();
    const missing: string[] = [];
    const notBinary: string[] = [];
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Operation>>)) {
      for (const [method, op] of Object.entries(item)) {
        const name = `${method.toUpperCase()} ${path}`;
        const success = Object.entries(op.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
        // an answer is declared when a success status has a schema, or is 204 declared as empty
        const declared =
          success.some(
            ([status, r]) =>
              (status === '204' && r.description !== 'Default Response') ||
              Object.values(r.content ?? {}).some((c) => c.schema !== undefined),
          ) ||
          // a route that only sends the browser elsewhere (sign-in with a provider) declares its redirect
          (!success.length &&
            Object.entries(op.responses ?? {}).some(
              ([status, r]) => /^30[1237]$/.test(status) && r.description !== 'Default Response',
            ));
        if (!declared) missing.push(name);
        if (binaryDownloads.has(name)) {
          const media = success.flatMap(([, r]) => Object.entries(r.content ?? {}));
          const binary = media.some(
            ([type, c]) => !type.includes('json') && (c.schema as { format?: string })?.format === 'binary',
          );
          if (!binary) notBinary.push(name);
        }
      }
    }
    expect(missing, 'operations without a response schema').toEqual([]);
    expect(notBinary, 'downloads not declared as files').toEqual([]);
  });

  it('answers a case as its citizen sees it, the staff queue and a booking as their schemas say', async () => {
    const fatima = await signedIn(p.app, 'fatima@example.fr');
    const filed = await fileComplaintAtAml(fatima, {
      subject: 'Éclairage public en panne',
      description: 'Le lampadaire devant le numéro 12 est éteint depuis deux semaines.',
    });
    expectConforms(cases.filedCase, filed, 'a filing');

    const view = await fatima.get(`/api/cases/${filed.id}`);
    expect(view.statusCode, view.body).toBe(200);
    expectConforms(cases.caseView, view.json(), 'a case as the citizen sees it');
    // the citizen sees public steps and nothing of the staff's
    expect(view.json().requester).toBeUndefined();
    expect(view.json().timeline.length).toBeGreaterThan(0);

    const staff = await signedIn(p.app, 'accueil@aml.demo');
    const queue = await staff.get('/api/cases?counts=true');
    expect(queue.statusCode, queue.body).toBe(200);
    expectConforms(cases.caseList, queue.json(), 'the staff queue');
    const mine = queue.json().items.find((c: { id: string }) => c.id === filed.id);
    // the queue's own fields survive the answer's schema
    expect(mine.requesterName).toBeTruthy();
    expect(queue.json().counts.total).toBeGreaterThan(0);

    const staffView = await staff.get(`/api/cases/${filed.id}`);
    expectConforms(cases.caseView, staffView.json(), 'a case as the staff see it');
    expect(staffView.json().requester.displayName).toBeTruthy();

    const anon = new Client(p.app);
    const bodies = (await anon.get('/api/institutions')).json().items as { id: string; code: string }[];
    const aubm = bodies.find((i) => i.code === 'AUBM')!.id;
    const services = (await anon.get(`/api/appointments/services?institutionId=${aubm}`)).json().items as {
      id: string;
      code: string;
    }[];
    const guichet = services.find((s) => s.code === 'guichet-mre')!.id;
    const slots = await anon.get(`/api/appointments/services/${guichet}/slots`);
    expectConforms(appointments.slots, slots.json(), 'the free slots');
    const held = (await fatima.get('/api/appointments')).json().items as {
      startsAt: string;
      endsAt: string;
    }[];
    const free = (slots.json().items as { startsAt: string; endsAt: string; seatsLeft: number }[]).find(
      (s) => s.seatsLeft > 0 && !held.some((h) => h.startsAt < s.endsAt && s.startsAt < h.endsAt),
    )!;
    const booked = await fatima.post('/api/appointments', { serviceId: guichet, startsAt: free.startsAt });
    expect(booked.statusCode, booked.body).toBe(201);
    expectConforms(appointments.booking, booked.json(), 'a booking');
    expect(booked.json().morocco.timeZone).toBe('Africa/Casablanca');
    const listed = await fatima.get('/api/appointments');
    expectConforms(appointments.bookings, listed.json(), 'my bookings');
  });
});
