import { readFileSync } from 'node:fs';
import { createTestApp, TestApp } from '../../support/test-app.js';

const ALLOWED = 'https://app.example.test';
const FOREIGN = 'https://evil.example.test';
const CLIENT_HEADERS = ['authorization', 'content-type', 'idempotency-key', 'x-api-key', 'x-request-id'];

interface OpenApi {
  paths: Record<string, Record<string, unknown>>;
}

const operations = () => {
  const spec = JSON.parse(readFileSync(new URL('../../../openapi.json', import.meta.url), 'utf8')) as OpenApi;
  return Object.entries(spec.paths).flatMap(([template, item]) =>
    Object.keys(item)
      .filter((method) => ['get', 'head', 'post', 'put', 'patch', 'delete'].includes(method))
      .map((method) => ({ method: method.toUpperCase(), path: template.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000') })),
  );
};

const listed = (header: string | undefined) =>
  (header ?? '')
    .split(',')
    .map((value) => value.trim().toLowerCase())
    .filter(Boolean);

/** A web app on an allowed origin can call every route the API documents; other origins get no grant. */
describe('HTTP edge: CORS for browsers', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ CORS_ORIGINS: `${ALLOWED},http://localhost:5173` });
  });
  afterAll(() => t.close());

  it('grants the preflight of every documented method and path to an allowed origin', async () => {
    const all = operations();
    expect(all.length).toBeGreaterThan(100);
    expect(new Set(all.map((operation) => operation.method))).toEqual(new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']));
    const refused: string[] = [];
    for (const { method, path } of all) {
      const res = await t
        .http()
        .options(path)
        .set('origin', ALLOWED)
        .set('access-control-request-method', method)
        .set('access-control-request-headers', CLIENT_HEADERS.join(','));
      const granted =
        res.status < 300 &&
        res.headers['access-control-allow-origin'] === ALLOWED &&
        res.headers['access-control-allow-credentials'] === 'true' &&
        listed(res.headers['access-control-allow-methods']).includes(method.toLowerCase()) &&
        CLIENT_HEADERS.every((header) => listed(res.headers['access-control-allow-headers']).includes(header));
      if (!granted)
        refused.push(`${method} ${path} → ${res.status} ${res.headers['access-control-allow-methods']} / ${res.headers['access-control-allow-headers']}`);
    }
    expect(refused).toEqual([]);
  });

  it('lets the browser read Retry-After and X-Request-Id', async () => {
    const res = await t.http().get('/api/v1/faqs').set('origin', ALLOWED).set('x-request-id', 'from-the-browser-1').expect(200);
    expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(listed(res.headers['access-control-expose-headers'])).toEqual(expect.arrayContaining(['retry-after', 'x-request-id']));
    expect(res.headers['x-request-id']).toBe('from-the-browser-1');
  });

  it('gives a foreign origin no grant', async () => {
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      const res = await t
        .http()
        .options('/api/v1/faqs/00000000-0000-4000-8000-000000000000')
        .set('origin', FOREIGN)
        .set('access-control-request-method', method);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    }
    const simple = await t.http().get('/api/v1/faqs').set('origin', FOREIGN).expect(200);
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
  });
});
