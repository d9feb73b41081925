import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clearSessionCookie, requireActor, setSessionCookie } from '../../server/auth.js';
import { forbidden } from '../../server/errors.js';
import { fail } from '../../server/problems.js';
import {
  cinSchema,
  countrySchema,
  emailSchema,
  isoDate,
  passwordSchema,
  phoneSchema,
  safeText,
} from '../../server/validation.js';
import { currentMillis, currentTime } from '../../shared/clock.js';
import { noContent } from '../../shared/contract.js';
import { casesOfPerson, openCaseCount } from '../cases/service.js';
import { signInLimits } from '../limits/sign-in.js';
import { getTerritory } from '../territory/service.js';
import * as contract from './contract.js';
import { languages, replyChannels } from './schema.js';
import {
  createSession,
  deleteCitizenAccount,
  getCitizenProfile,
  hasPassword,
  login,
  logout,
  registerCitizen,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  setFirstPassword,
  startEmailSignIn,
  updateCitizenProfile,
  verifyEmail,
} from './service.js';
import { confirmTotpEnrolment, startTotpEnrolment } from './totp.js';

const name = safeText(1, 80).nullish();
const address = z.strictObject({
  lines: z.array(safeText(1, 120)).min(1).max(4),
  city: safeText(1, 80),
  postalCode: safeText(1, 20).optional(),
  region: safeText(1, 80).optional(),
  country: countrySchema,
});
const birthDate = isoDate.refine(
  (d) => Date.parse(d) < currentMillis() && Date.parse(d) > Date.parse('1900-01-01'),
  {
    params: { key: 'validation.birth_date' },
  },
);

const profileFields = {
  givenNameAr: name,
  familyNameAr: name,
  givenNameLatin: name,
  familyNameLatin: name,
  birthDate: birthDate.nullish(),
  cin: cinSchema.nullish(),
  countryOfResidence: countrySchema,
  addressAbroad: address.nullish(),
  phone: phoneSchema.nullish(),
  replyChannels: z.array(z.enum(replyChannels)).min(1).max(5),
  originCommuneCode: z.string().max(20).nullish(),
  preferredLanguage: z.enum(languages),
};

export const registerBody = z.strictObject({
  email: emailSchema,
  password: passwordSchema,
  ...profileFields,
});
const profilePatch = z.strictObject(profileFields).partial();

async function checkCommune(app: FastifyInstance, code: string | null | undefined) {
  if (!code) return;
  const place = await getTerritory(app.deps.database.db, code);
  if (!place || !['municipality', 'commune', 'arrondissement'].includes(place.type)) {
    throw fail(
      'territory-unknown',
      {},
      { errors: [{ pointer: '/body/originCommuneCode', code: 'territory_unknown' }] },
    );
  }
}

export async function accountRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const { secret, SESSION_TTL_HOURS: ttl } = app.deps.config;
  // per client address and account, per account, and per address (see modules/limits/sign-in.ts)
  const limited = signInLimits(app);

  r.post(
    '/api/auth/register',
    {
      preHandler: limited,
      schema: {
        tags: ['auth'],
        summary: 'Create a citizen account; a confirmation code is sent by e-mail',
        body: registerBody,
        // the same answer for a new address and a taken one (the owner of a taken one is told by e-mail)
        response: { 201: contract.verificationSent },
      },
    },
    async (req, reply) => {
      await checkCommune(app, req.body.originCommuneCode);
      await registerCitizen(db, secret, req.body, req.id);
      return reply.code(201).send({ verificationSentTo: req.body.email });
    },
  );

  r.post(
    '/api/auth/verify-email',
    {
      preHandler: limited,
      schema: {
        tags: ['auth'],
        summary: 'Confirm the e-mail address with the code; signs the person in',
        body: z.strictObject({ email: emailSchema, code: z.string().regex(/^\d{6}$/) }),
        response: { 200: contract.signedIn },
      },
    },
    async (req, reply) => {
      const acc = await verifyEmail(db, secret, req.body.email, req.body.code, req.id);
      const s = await createSession(db, acc.id, ttl);
      setSessionCookie(app, reply, s.token, req);
      return {
        csrfToken: s.csrfToken,
        account: { id: acc.id, kind: acc.kind, displayName: acc.displayName },
      };
    },
  );

  r.post(
    '/api/auth/resend-verification',
    {
      preHandler: limited,
      schema: {
        tags: ['auth'],
        body: z.strictObject({ email: emailSchema }),
        response: { 202: contract.accepted },
      },
    },
    async (req, reply) => {
      await resendVerification(db, secret, req.body.email);
      return reply.code(202).send({ accepted: true });
    },
  );

  r.post(
    '/api/auth/login',
    {
      preHandler: limited,
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password',
        body: z.strictObject({
          email: emailSchema,
          password: z.string().min(1).max(200),
          totp: z
            .string()
            .regex(/^\d{6}$/)
            .optional(),
          recoveryCode: z.string().max(20).optional(),
        }),
        response: { 200: contract.signedIn },
      },
    },
    async (req, reply) => {
      const s = await login(db, req.body.email, req.body.password, ttl, req.id, {
        secret,
        totp: req.body.totp,
        recoveryCode: req.body.recoveryCode,
      });
      setSessionCookie(app, reply, s.token, req);
      return {
        csrfToken: s.csrfToken,
        account: { id: s.account.id, kind: s.account.kind, displayName: s.account.displayName },
      };
    },
  );

  r.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], response: { 204: noContent } } },
    async (req, reply) => {
      const actor = requireActor(req);
      await logout(db, actor, req.id);
      clearSessionCookie(reply);
      return reply.code(204).send();
    },
  );

  r.get(
    '/api/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who is signed in, with the CSRF token',
        response: { 200: contract.session },
      },
    },
    async (req) => {
      const a = requireActor(req);
      return {
        account: {
          id: a.accountId,
          kind: a.kind,
          displayName: a.displayName,
          email: a.email,
          language: a.language,
          hasPassword: await hasPassword(db, a.accountId),
          totpEnabled: a.totpEnabled,
          totpRequired: a.kind === 'staff' && app.deps.config.staffTotpRequired,
        },
        memberships: a.memberships,
        scopes: a.scopes,
        csrfToken: a.csrfToken,
      };
    },
  );

  r.post(
    '/api/auth/password-reset/request',
    {
      preHandler: limited,
      schema: {
        tags: ['auth'],
        body: z.strictObject({ email: emailSchema }),
        response: { 202: contract.accepted },
      },
    },
    async (req, reply) => {
      await requestPasswordReset(db, secret, req.body.email, req.id);
      return reply.code(202).send({ accepted: true });
    },
  );

  r.post(
    '/api/auth/password-reset/confirm',
    {
      preHandler: limited,
      schema: {
        tags: ['auth'],
        body: z.strictObject({
          email: emailSchema,
          code: z.string().regex(/^\d{6}$/),
          password: passwordSchema,
        }),
        response: { 204: noContent },
      },
    },
    async (req, reply) => {
      await resetPassword(db, secret, req.body.email, req.body.code, req.body.password, req.id);
      return reply.code(204).send();
    },
  );

  r.post(
    '/api/staff/totp/setup',
    {
      preHandler: limited,
      schema: {
        tags: ['auth'],
        summary:
          'Start setting up the second factor: a QR code for an authenticator app. Replacing an active one needs the password and a current code (or a recovery code)',
        body: z
          .strictObject({
            password: z.string().max(200).optional(),
            totp: z
              .string()
              .regex(/^\d{6}$/)
              .optional(),
            recoveryCode: z.string().max(20).optional(),
          })
          .nullish(),
        response: { 200: contract.totpSetup },
      },
    },
    async (req) => {
      const a = requireActor(req);
      if (a.kind !== 'staff') throw forbidden();
      return startTotpEnrolment(db, secret, a.accountId, req.body ?? {}, req.id);
    },
  );

  r.post(
    '/api/staff/totp/confirm',
    {
      schema: {
        tags: ['auth'],
        summary: 'Confirm the second factor with a code from the app; returns recovery codes (shown once)',
        body: z.strictObject({ code: z.string().regex(/^\d{6}$/) }),
        response: { 200: contract.recoveryCodes },
      },
    },
    async (req) => {
      const a = requireActor(req);
      if (a.kind !== 'staff') throw forbidden();
      return { recoveryCodes: await confirmTotpEnrolment(db, secret, a.accountId, req.body.code, req.id) };
    },
  );

  r.post(
    '/api/auth/email-code',
    {
      preHandler: limited,
      schema: {
        tags: ['auth'],
        summary: 'Sign in (or start, for a first case) with a code sent by e-mail, without a password',
        body: z.strictObject({
          email: emailSchema,
          preferredLanguage: z.enum(languages),
          countryOfResidence: countrySchema,
        }),
        response: { 202: contract.accepted },
      },
    },
    async (req, reply) => {
      await startEmailSignIn(db, secret, req.body, req.id);
      return reply.code(202).send({ accepted: true });
    },
  );

  r.post(
    '/api/me/password',
    {
      schema: {
        tags: ['citizens'],
        summary: 'Set a password on an account opened with an e-mail code',
        body: z.strictObject({ password: passwordSchema }),
        response: { 204: noContent },
      },
    },
    async (req, reply) => {
      const a = requireActor(req);
      if (a.kind !== 'citizen') throw forbidden();
      await setFirstPassword(db, a.accountId, req.body.password, req.id);
      return reply.code(204).send();
    },
  );

  r.get(
    '/api/me/export',
    {
      schema: {
        tags: ['citizens'],
        summary: 'All my data, as JSON (law 09-08)',
        response: { 200: contract.myData },
      },
    },
    async (req, reply) => {
      const a = requireActor(req);
      if (a.kind !== 'citizen') throw forbidden();
      const data = {
        exportedAt: currentTime().toISOString(),
        account: { email: a.email, displayName: a.displayName, language: a.language },
        profile: await getCitizenProfile(db, a.accountId),
        cases: await casesOfPerson(db, a.accountId),
      };
      return reply.header('content-disposition', 'attachment; filename="jisr-my-data.json"').send(data);
    },
  );

  r.delete(
    '/api/me',
    {
      schema: {
        tags: ['citizens'],
        summary: 'Delete my account (when no case is still open)',
        response: { 204: noContent },
      },
    },
    async (req, reply) => {
      const a = requireActor(req);
      if (a.kind !== 'citizen') throw forbidden();
      const open = await openCaseCount(db, a.accountId);
      if (open > 0) throw fail('account-open-cases', { count: open });
      await deleteCitizenAccount(db, a.accountId, req.id);
      clearSessionCookie(reply);
      return reply.code(204).send();
    },
  );

  r.get(
    '/api/me/profile',
    { schema: { tags: ['citizens'], response: { 200: contract.citizenProfile } } },
    async (req) => {
      const a = requireActor(req);
      if (a.kind !== 'citizen') throw forbidden();
      return (await getCitizenProfile(db, a.accountId))!;
    },
  );

  r.patch(
    '/api/me/profile',
    { schema: { tags: ['citizens'], body: profilePatch, response: { 200: contract.citizenProfile } } },
    async (req) => {
      const a = requireActor(req);
      if (a.kind !== 'citizen') throw forbidden();
      await checkCommune(app, req.body.originCommuneCode);
      return (await updateCitizenProfile(db, a.accountId, req.body, req.id))!;
    },
  );
}
