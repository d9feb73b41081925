import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, signedIn, startTestPlatform, type TestPlatform } from './support/platform.js';

describe('security headers and the API documentation', () => {
  let dev: TestPlatform;
  let prod: TestPlatform;
  let off: TestPlatform;
  beforeAll(async () => {
    [dev, prod, off] = await Promise.all([
      startTestPlatform('pglite'),
      startTestPlatform('pglite', {
        env: { NODE_ENV: 'production', PUBLIC_URL: 'https://jisr.example.ma', STAFF_TOTP_REQUIRED: 'false' },
      }),
      startTestPlatform('pglite', { demo: false, env: { API_DOCS: 'off' } }),
    ]);
  });
  afterAll(() => Promise.all([dev?.close(), prod?.close(), off?.close()]));

  it('sets a Content-Security-Policy on every answer: JSON, errors, pages and the documentation', async () => {
    const csp = async (url: string) =>
      (await dev.app.inject(url)).headers['content-security-policy'] as string;
    for (const url of ['/api/health', '/api/institutions', '/api/cases/nope', '/api/nothing-here']) {
      expect(await csp(url), url).toContain("default-src 'none'");
      expect(await csp(url), url).toContain("frame-ancestors 'none'");
    }
    expect(await csp('/')).toContain("frame-ancestors 'none'");
    const docs = await dev.app.inject('/api/docs');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    // served over plain http here: nothing would be reachable if the browser upgraded every request
    expect(docs.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect((await dev.app.inject('/api/health')).headers['strict-transport-security']).toBeUndefined();
  });

  it('in production over https: HSTS everywhere, and the documentation for signed-in staff only', async () => {
    const health = await prod.app.inject('/api/health');
    expect(health.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    for (const url of ['/api/docs', '/api/docs/json', '/api/openapi.json']) {
      const anonymous = await new Client(prod.app, 'fr').get(url);
      expect(anonymous.statusCode, url).toBe(401);
      expect(anonymous.headers['content-type']).toContain('application/problem+json');
      expect(anonymous.json().detail).toBeTruthy();
      const citizen = await signedIn(prod.app, 'fatima@example.fr');
      expect((await citizen.get(url)).statusCode, url).toBe(403);
      const staff = await signedIn(prod.app, 'etatcivil@aml.demo');
      expect((await staff.get(url)).statusCode, url).toBe(200);
    }
    const spec = await (await signedIn(prod.app, 'chef@aml.demo')).get('/api/openapi.json');
    expect(spec.json().openapi).toBe('3.1.0');
  });

  it('can be turned off: no documentation page and no OpenAPI document', async () => {
    expect((await off.app.inject('/api/docs')).statusCode).toBe(404);
    expect((await off.app.inject('/api/openapi.json')).statusCode).toBe(404);
    expect((await off.app.inject('/api/health')).statusCode).toBe(200);
  });
});
