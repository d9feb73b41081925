import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { currentTime } from '../../shared/clock.js';
import { departments, institutions } from '../institutions/schema.js';

export const staffRoles = [
  'reception_agent',
  'department_agent',
  'supervisor',
  'institution_admin',
  'auditor',
] as const;
export type StaffRole = (typeof staffRoles)[number];
export const languages = ['ar', 'fr', 'en'] as const;
export type Language = (typeof languages)[number];
export const replyChannels = ['email', 'post', 'phone', 'whatsapp', 'sms'] as const;
export type ReplyChannel = (typeof replyChannels)[number];

/** Every person who signs in: citizens (and representatives) and staff. */
export const accounts = pgTable('accounts', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  kind: text('kind').$type<'citizen' | 'staff'>().notNull(),
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  displayName: text('display_name').notNull(),
  preferredLanguage: text('preferred_language').$type<Language>().notNull().default('ar'),
  emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
  totpSecret: text('totp_secret'),
  totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
  /** The last accepted TOTP time step: a code is never accepted twice. */
  totpLastStep: integer('totp_last_step'),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  /** Created by the demo seed, with the published demo password: a production start refuses them. */
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
});

export type PostalAddress = {
  lines: string[];
  city: string;
  postalCode?: string;
  region?: string;
  country: string;
};

export const citizenProfiles = pgTable('citizen_profiles', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  givenNameAr: text('given_name_ar'),
  familyNameAr: text('family_name_ar'),
  givenNameLatin: text('given_name_latin'),
  familyNameLatin: text('family_name_latin'),
  birthDate: date('birth_date'),
  cin: text('cin'),
  countryOfResidence: text('country_of_residence').notNull(),
  addressAbroad: jsonb('address_abroad').$type<PostalAddress | null>(),
  phone: text('phone'),
  replyChannels: jsonb('reply_channels').$type<ReplyChannel[]>().notNull().default(['email']),
  originCommuneCode: text('origin_commune_code'),
  /** Spelling-proof key of the names in both scripts, for finding duplicates at the desk. */
  nameSkeleton: text('name_skeleton'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
});

/** A staff member's role in one institution, optionally limited to one department. */
export const staffMemberships = pgTable(
  'staff_memberships',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    departmentId: uuid('department_id').references(() => departments.id),
    role: text('role').$type<StaffRole>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
  },
  (t) => [index('staff_memberships_account_idx').on(t.accountId)],
);

/** A territorial overseer reads and escalates across every body of a province, a region or the nation. */
export const overseerScopes = pgTable('overseer_scopes', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  scope: text('scope').$type<'nation' | 'region' | 'province'>().notNull(),
  territoryCode: text('territory_code'),
});

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(), // sha256 of the cookie token; the token itself is never stored
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

/** One-time codes sent by e-mail: address verification, password reset, staff invitation. Only a hash is kept. */
export const verificationCodes = pgTable('verification_codes', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  purpose: text('purpose').$type<'verify_email' | 'reset_password' | 'invite'>().notNull(),
  codeHash: text('code_hash').notNull(),
  attempts: integer('attempts').notNull().default(0),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
});

/** One-time recovery codes for a staff member who lost their authenticator. Only hashes are kept. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('recovery_codes_account_idx').on(t.accountId)],
);

/**
 * A person at an identity provider (its issuer and the subject it gives them) linked to an account: a sign-in
 * through the provider finds the account by this pair only, never by the e-mail address.
 */
export const accountIdentities = pgTable(
  'account_identities',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** The configured provider's id (OIDC_PROVIDERS) when the link was made: its label on the profile. */
    providerId: text('provider_id').notNull(),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('account_identities_issuer_subject_idx').on(t.issuer, t.subject),
    index('account_identities_account_idx').on(t.accountId),
  ],
);
