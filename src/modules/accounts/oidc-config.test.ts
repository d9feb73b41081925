import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { parseOidcProviders } from './oidc-config.js';

const provider = {
  id: 'franceconnect',
  label: { ar: 'فرانس كونكت', fr: 'FranceConnect', en: 'FranceConnect' },
  issuer: 'https://fc.example/api/v2',
  clientId: 'client',
  clientSecret: 'secret',
};

describe('OIDC_PROVIDERS', () => {
  it('reads a list of providers, with the default scopes, claims and country', () => {
    const config = loadConfig({ OIDC_PROVIDERS: JSON.stringify([provider]) });
    expect(config.oidcProviders).toEqual([
      expect.objectContaining({
        id: 'franceconnect',
        scopes: ['openid', 'email', 'profile'],
        claims: expect.objectContaining({ givenName: 'given_name', email: 'email' }),
        country: 'MA',
      }),
    ]);
    expect(loadConfig({}).oidcProviders).toEqual([]);
  });

  it('says what is wrong: not JSON, a missing label, no openid scope, an id twice, http in production', () => {
    expect(parseOidcProviders('[{', false)).toEqual({
      errors: ['  OIDC_PROVIDERS: must be a JSON list of providers'],
    });
    const { label: _l, ...unlabelled } = provider;
    expect(parseOidcProviders(JSON.stringify([unlabelled]), false)).toEqual({
      errors: [expect.stringContaining('OIDC_PROVIDERS.0.label')],
    });
    expect(parseOidcProviders(JSON.stringify([{ ...provider, scopes: ['email'] }]), false)).toEqual({
      errors: ['  OIDC_PROVIDERS.0.scopes: must include openid'],
    });
    expect(parseOidcProviders(JSON.stringify([provider, provider]), false)).toEqual({
      errors: ['  OIDC_PROVIDERS.1.id: "franceconnect" is used twice'],
    });
    const http = JSON.stringify([{ ...provider, issuer: 'http://fc.example' }]);
    expect(parseOidcProviders(http, true)).toEqual({
      errors: ['  OIDC_PROVIDERS.0.issuer: must be an https address in production'],
    });
    expect(() => loadConfig({ OIDC_PROVIDERS: '[{' })).toThrow(/OIDC_PROVIDERS: must be a JSON list/);
  });
});
