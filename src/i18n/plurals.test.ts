import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { PLACEHOLDER } from '../shared/french-article.js';
import { type PluralLang, pluralForm } from '../shared/plurals.js';
import { keyIn } from '../web/i18n.js';
import { appointments } from '../web/locales/appointments.js';
import { appointmentsSetup } from '../web/locales/appointments-setup.js';
import { ar as webAr } from '../web/locales/ar.js';
import { en as webEn } from '../web/locales/en.js';
import { fr as webFr } from '../web/locales/fr.js';
import { people } from '../web/locales/people.js';
import { catalogues } from './catalogues.js';
import { Counted, t } from './index.js';

type Messages = Readonly<Record<string, string>>;
type Catalogue = Readonly<Record<PluralLang, Messages>>;
const langs = ['en', 'fr', 'ar'] as const;

/** The placeholders of a text: `{name}` on the server, `{{name}}` (or `{{name, format}}`) on the web. */
const serverPlaceholders = (s: string) => new Set([...s.matchAll(PLACEHOLDER)].map((m) => m[1]!));
const webPlaceholders = (s: string) => new Set([...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]!));

const categoriesOf = (lang: string) =>
  [...new Intl.PluralRules(lang).resolvedOptions().pluralCategories].sort();

/**
 * A category that stands for one number only (Arabic zero, one and two; English one): its form may say the
 * number in words and leave the placeholder out (« يومان »). Every other form has all the placeholders.
 */
function exactCategories(lang: string): Set<string> {
  const seen = new Map<string, number>();
  const rules = new Intl.PluralRules(lang);
  for (let n = 0; n <= 1000; n++) seen.set(rules.select(n), (seen.get(rules.select(n)) ?? 0) + 1);
  return new Set([...seen].filter(([, times]) => times === 1).map(([c]) => c));
}

/** Every problem with the plural messages of one catalogue (English, French and Arabic). */
function pluralProblems(name: string, c: Catalogue, placeholders: (s: string) => Set<string>): string[] {
  const problems: string[] = [];
  const groups = (m: Messages) => {
    const g = new Map<string, Map<string, string>>();
    for (const [key, text] of Object.entries(m)) {
      const form = pluralForm(key, m);
      if (!form) continue;
      if (!g.has(form.base)) g.set(form.base, new Map());
      g.get(form.base)!.set(form.category, text);
    }
    return g;
  };
  const reference = groups(c.en);
  for (const lang of langs) {
    const m = c[lang];
    const own = groups(m);
    const wanted = categoriesOf(lang);
    const exact = exactCategories(lang);
    for (const base of own.keys())
      if (!reference.has(base)) problems.push(`${name} ${lang}: ${base} is plural here but not in English`);
    for (const [base, enForms] of reference) {
      const forms = own.get(base);
      if (!forms) {
        problems.push(`${name} ${lang}: ${base} has no plural forms`);
        continue;
      }
      const have = [...forms.keys()].sort();
      if (have.join() !== wanted.join())
        problems.push(`${name} ${lang}: ${base} has the forms ${have.join()}, not ${wanted.join()}`);
      if (base in m) problems.push(`${name} ${lang}: ${base} also exists without a plural suffix`);
      const all = placeholders(enForms.get('other') ?? '');
      for (const [category, text] of forms) {
        const its = placeholders(text);
        const extra = [...its].filter((p) => !all.has(p));
        const missing = [...all].filter((p) => !its.has(p));
        if (extra.length) problems.push(`${name} ${lang}: ${base}_${category} has unknown ${extra.join()}`);
        if (missing.length && !exact.has(category))
          problems.push(`${name} ${lang}: ${base}_${category} lacks ${missing.join()}`);
      }
    }
  }
  return problems;
}

const server: [string, Catalogue][] = catalogues.map((c, i) => [`server catalogue ${i}`, c as Catalogue]);
const web: [string, Catalogue][] = [
  ['web', { en: webEn, fr: webFr, ar: webAr }],
  ['web appointments', appointments],
  ['web appointments setup', appointmentsSetup],
  ['web people', people],
];

describe('plural messages', () => {
  it('use the plural categories of each language', () => {
    expect(categoriesOf('ar')).toEqual(['few', 'many', 'one', 'other', 'two', 'zero']);
    expect(categoriesOf('fr')).toEqual(['many', 'one', 'other']);
    expect(categoriesOf('en')).toEqual(['one', 'other']);
  });

  it.each(server)('of the %s have every form of each language, with the same placeholders', (name, c) => {
    expect(pluralProblems(name, c, serverPlaceholders)).toEqual([]);
  });

  it.each(web)('of the %s texts have every form of each language, with the same placeholders', (name, c) => {
    expect(pluralProblems(name, c, webPlaceholders)).toEqual([]);
  });

  it('are found wanting when a form is missing, extra, or without its number', () => {
    const en = { 'x.days_one': '{days} day', 'x.days_other': '{days} days' };
    const fr = {
      'x.days_one': '{days} jour',
      'x.days_many': '{days} de jours',
      'x.days_other': '{days} jours',
    };
    const ar = {
      'x.days_zero': '{days} يوم',
      'x.days_one': 'يوم واحد',
      'x.days_two': 'يومان',
      'x.days_few': '{days} أيام',
      'x.days_many': '{days} يوما',
      'x.days_other': '{days} يوم',
    };
    expect(pluralProblems('ok', { en, fr, ar }, serverPlaceholders)).toEqual([]);
    const { 'x.days_few': _few, ...noFew } = ar;
    expect(pluralProblems('t', { en, fr, ar: noFew }, serverPlaceholders)).toEqual([
      't ar: x.days has the forms many,one,other,two,zero, not few,many,one,other,two,zero',
    ]);
    const { 'x.days_many': _many, ...noMany } = fr;
    expect(pluralProblems('t', { en, fr: noMany, ar }, serverPlaceholders)).toHaveLength(1);
    expect(
      pluralProblems('t', { en, fr: { ...fr, 'x.days_two': '{days} jours' }, ar }, serverPlaceholders),
    ).toHaveLength(1);
    expect(pluralProblems('t', { en, fr, ar: { ...ar, 'x.days_few': 'أيام' } }, serverPlaceholders)).toEqual([
      't ar: x.days_few lacks days',
    ]);
    expect(
      pluralProblems('t', { en, fr, ar: { ...ar, 'x.days': '{days} يوم' } }, serverPlaceholders),
    ).toEqual(['t ar: x.days also exists without a plural suffix']);
    // `error.file.too_many` alone is a plain key, not a form of `error.file.too`
    expect(pluralForm('error.file.too_many', { 'error.file.too_many': '' })).toBeUndefined();
  });
});

describe('t() with a count', () => {
  const days = (lang: 'ar' | 'fr' | 'en', n: number) =>
    t(lang, 'error.appointment.range_too_long', { days: n, count: n });

  it('picks the Arabic form of the number: zero, one, two, few, many, other', () => {
    expect([0, 1, 2, 3, 11, 100].map((n) => days('ar', n))).toEqual([
      'اطلب 0 يوم على الأكثر في كل مرة.',
      'اطلب يوما واحدا على الأكثر في كل مرة.',
      'اطلب يومين على الأكثر في كل مرة.',
      'اطلب 3 أيام على الأكثر في كل مرة.',
      'اطلب 11 يوما على الأكثر في كل مرة.',
      'اطلب 100 يوم على الأكثر في كل مرة.',
    ]);
    expect(days('ar', 102)).toBe('اطلب 102 يوم على الأكثر في كل مرة.');
    expect(days('ar', 105)).toBe('اطلب 105 أيام على الأكثر في كل مرة.');
    const open = (n: number) => t('ar', 'error.account.open_cases', { count: n });
    expect([1, 2, 3, 11, 100].map(open)).toEqual([
      'لا يمكن حذف حسابك ما دام لديك ملف مفتوح واحد. اسحبه أو انتظر الجواب.',
      'لا يمكن حذف حسابك ما دام لديك ملفان مفتوحان. اسحبهما أو انتظر الجواب.',
      'لا يمكن حذف حسابك ما دامت لديك 3 ملفات مفتوحة. اسحبها أو انتظر الجواب.',
      'لا يمكن حذف حسابك ما دام لديك 11 ملفا مفتوحا. اسحبها أو انتظر الجواب.',
      'لا يمكن حذف حسابك ما دام لديك 100 ملف مفتوح. اسحبها أو انتظر الجواب.',
    ]);
  });

  it('picks the French and English forms', () => {
    expect(days('fr', 0)).toBe('Demandez au plus 0 jour à la fois.');
    expect(days('fr', 1)).toBe('Demandez au plus 1 jour à la fois.');
    expect(days('fr', 62)).toBe('Demandez au plus 62 jours à la fois.');
    expect(days('fr', 1_000_000)).toBe('Demandez au plus 1000000 de jours à la fois.');
    expect(days('en', 1)).toBe('Ask for at most 1 day at a time.');
    expect(days('en', 0)).toBe('Ask for at most 0 days at a time.');
  });

  it('fills a second number with its own plural message', () => {
    const window = (lang: 'ar' | 'fr' | 'en', hours: number, d: number) =>
      t(lang, 'error.appointment.outside_window', {
        hours: new Counted('error.appointment.outside_window.hours', hours),
        days: new Counted('error.appointment.outside_window.days', d),
      });
    expect(window('en', 1, 60)).toBe(
      'This time cannot be booked now: book at least 1 hour and at most 60 days ahead.',
    );
    expect(window('fr', 24, 1)).toBe(
      'Cet horaire ne peut pas être réservé maintenant : réservez au moins 24 heures et au plus 1 jour à l’avance.',
    );
    expect(window('ar', 2, 30)).toBe(
      'لا يمكن حجز هذا الموعد الآن: احجز قبل الموعد بمدة لا تقل عن ساعتين ولا تزيد عن 30 يوما.',
    );
  });

  it('takes the `other` form without a number', () => {
    const untyped = t as (lang: 'ar', key: string, params?: Record<string, string>) => string;
    expect(untyped('ar', 'error.appointment.range_too_long', { days: '…' })).toBe(
      'اطلب … يوم على الأكثر في كل مرة.',
    );
  });
});

describe('the web app’s keys', () => {
  it('are typed: an unknown key fails the compiler, a plural text is asked for by its base key', () => {
    const typed = () => [
      // @ts-expect-error: no such text in the web app
      i18next.t('nope'),
      // @ts-expect-error: no such family of texts
      keyIn('nope.', 'x'),
      i18next.t('appt.cal.bookings', { count: 2 }),
      i18next.t(keyIn('kind.', 'request')),
    ];
    expect(typed).toBeTypeOf('function');
  });
});
