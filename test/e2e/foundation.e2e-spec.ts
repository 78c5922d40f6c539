import { createTestApp, TestApp } from '../support/test-app.js';

describe('Foundation: envelope, errors, health, docs', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers liveness and readiness in the envelope', async () => {
    const live = await t.http().get('/api/v1/health').expect(200);
    expect(live.body).toEqual({ success: true, data: { status: 'ok', uptimeSeconds: expect.any(Number) } });
    const ready = await t.http().get('/api/v1/health/ready').expect(200);
    expect(ready.body.data.checks.database.status).toBe('up');
  });

  it('answers an unknown route with 404 in the error envelope', async () => {
    const res = await t.http().get('/api/v1/does-not-exist').expect(404);
    expect(res.body).toMatchObject({ success: false, statusCode: 404, error: 'NOT_FOUND' });
    expect(typeof res.body.requestId).toBe('string');
  });

  it('serves the OpenAPI document with bearer auth declared', async () => {
    const res = await t.http().get('/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(res.body.paths['/api/v1/health/ready']).toBeDefined();
  });

  it('sets security headers and compresses large bodies', async () => {
    const res = await t.http().get('/docs-json').set('accept-encoding', 'gzip').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-encoding']).toBe('gzip');
  });

  it('answers CORS preflights only for allowed origins', async () => {
    const allowed = await t.http().options('/api/v1/health').set('origin', 'http://localhost:5173').set('access-control-request-method', 'GET');
    expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    const denied = await t.http().options('/api/v1/health').set('origin', 'https://evil.example').set('access-control-request-method', 'GET');
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
  });
});
