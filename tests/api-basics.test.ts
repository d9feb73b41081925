import { describe, expect, it } from 'vitest';
import { ar } from '../src/i18n/ar.js';
import { en } from '../src/i18n/en.js';
import { fr } from '../src/i18n/fr.js';
import { allMessages, negotiateLanguage } from '../src/i18n/index.js';
import { PLACEHOLDER } from '../src/shared/french-article.js';
import { pluralForm } from '../src/shared/plurals.js';
import { usePlatform } from './support/platform.js';

describe('API basics', () => {
  const p = usePlatform('pglite', { demo: false });

  it('publishes an OpenAPI 3.1 document listing the routes, and a docs page', async () => {
    const doc = (await p.app.inject('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/api/cases',
      '/api/cases/{id}',
      '/api/cases/{id}/actions',
      '/api/auth/login',
      '/api/track',
      '/api/territory',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(
      doc.paths['/api/auth/register'].post.requestBody.content['application/json'].schema.required,
    ).toContain('email');
    const page = await p.app.inject('/api/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
  });

  it('answers an unknown address with a problem in the language asked for', async () => {
    for (const [lang, text] of [
      ['ar', ar['error.not_found']],
      ['fr-FR,fr;q=0.9', fr['error.not_found']],
      ['en-GB', en['error.not_found']],
      ['de', ar['error.not_found']],
    ] as const) {
      const res = await p.app.inject({ url: '/api/nowhere', headers: { 'accept-language': lang } });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 404, detail: text, instance: '/api/nowhere' });
      expect(res.json().requestId).toBe(res.headers['x-request-id']);
    }
  });

  it('has every message in Arabic, French and English, with the same placeholders', () => {
    // `{name}` and, in French, `{institution|de}` (the name with its article) fill the same placeholder
    const placeholders = (s: string) => [...new Set([...s.matchAll(PLACEHOLDER)].map((m) => m[1]))].sort();
    const [EN, FR, AR] = (['en', 'fr', 'ar'] as const).map(allMessages);
    // Plural messages have the forms of each language (checked in src/i18n/plurals.test.ts): the rest match.
    const plain = (m: Readonly<Record<string, string>>) => Object.keys(m).filter((k) => !pluralForm(k, m));
    const bases = (m: Readonly<Record<string, string>>) =>
      [...new Set(Object.keys(m).map((k) => pluralForm(k, m)?.base ?? k))].sort();
    for (const key of plain(EN!)) {
      expect(AR![key], key).toBeTruthy();
      expect(FR![key], key).toBeTruthy();
      expect(placeholders(AR![key]!), key).toEqual(placeholders(EN![key]!));
      expect(placeholders(FR![key]!), key).toEqual(placeholders(EN![key]!));
    }
    expect(bases(AR!)).toEqual(bases(EN!));
    expect(bases(FR!)).toEqual(bases(EN!));
  });

  it('picks the language from Accept-Language by quality', () => {
    expect(negotiateLanguage('en;q=0.5, fr;q=0.8')).toBe('fr');
    expect(negotiateLanguage('es, ar;q=0.1')).toBe('ar');
    expect(negotiateLanguage(undefined, 'fr')).toBe('fr');
  });

  it('tells liveness and readiness apart', async () => {
    expect((await p.app.inject('/api/ready')).json()).toEqual({ status: 'ready', database: 'pglite' });
  });
});
