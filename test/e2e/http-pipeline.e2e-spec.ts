import { eventually } from '../support/eventually.js';
import { ProbeModule, slowProbe } from '../support/probe.module.js';
import { createTestApp, TestApp } from '../support/test-app.js';

describe('HTTP pipeline: bad input, errors and access', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT_BYTES: '2048' }, [ProbeModule]);
  });
  afterAll(() => t.close());

  const echo = () => t.http().post('/api/v1/probe/echo');

  it('accepts a valid body and wraps the answer in the envelope', async () => {
    const res = await echo()
      .send({ email: 'a@b.cx', count: 3, address: { city: 'Pune' } })
      .expect(201);
    expect(res.body).toEqual({ success: true, data: { email: 'a@b.cx', count: 3, address: { city: 'Pune' } } });
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const res = await echo().set('content-type', 'application/json').send('{"email": ').expect(400);
    expect(res.body).toMatchObject({ success: false, statusCode: 400, error: 'MALFORMED_JSON' });
  });

  it('answers an unsupported content type with 415', async () => {
    const xml = await echo().set('content-type', 'application/xml').send('<a/>').expect(415);
    expect(xml.body).toMatchObject({ success: false, error: 'UNSUPPORTED_MEDIA_TYPE' });
    const text = await echo().set('content-type', 'text/plain').send('hello').expect(415);
    expect(text.body.error).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers a body over the configured limit with 413', async () => {
    const res = await echo()
      .send({ email: 'a@b.cx', count: 1, padding: 'x'.repeat(4096) })
      .expect(413);
    expect(res.body).toMatchObject({ success: false, statusCode: 413, error: 'PAYLOAD_TOO_LARGE' });
  });

  it('refuses unknown fields and wrong types with one detail per field', async () => {
    const res = await echo()
      .send({ email: 'not-an-email', count: 'many', isAdmin: true, address: { city: 5 } })
      .expect(400);
    expect(res.body).toMatchObject({ success: false, statusCode: 400, error: 'VALIDATION_FAILED' });
    const fields = (res.body.details as { field: string }[]).map((detail) => detail.field).sort();
    expect(fields).toEqual(['address.city', 'count', 'email', 'isAdmin']);
  });

  it('refuses an empty JSON body with 400, never a 500', async () => {
    const res = await echo().set('content-type', 'application/json').send('').expect(400);
    expect(res.body.success).toBe(false);
  });

  it('hides unexpected errors behind a generic 500 with a request id', async () => {
    const res = await t.http().get('/api/v1/probe/crash').set('x-request-id', 'trace-me-1').expect(500);
    expect(res.body).toEqual({
      success: false,
      statusCode: 500,
      error: 'INTERNAL_ERROR',
      message: 'Something went wrong on our side',
      requestId: 'trace-me-1',
    });
    expect(JSON.stringify(res.body)).not.toContain('secret internal detail');
  });

  describe('access guard', () => {
    it('refuses a missing, malformed, forged or alg:none token with 401', async () => {
      await t.http().get('/api/v1/probe/me').expect(401);
      await t.http().get('/api/v1/probe/me').set('authorization', 'Bearer nonsense').expect(401);
      const { token, user } = await t.createUser({ role: 'AGENT' });
      const [header, payload] = token.split('.');
      await t.http().get('/api/v1/probe/me').set('authorization', `Bearer ${header}.${payload}.AAAA`).expect(401);
      const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      const claims = Buffer.from(JSON.stringify({ sub: user.id, role: 'SUPER_ADMIN', status: 'ACTIVE', typ: 'access' })).toString('base64url');
      const res = await t.http().get('/api/v1/probe/me').set('authorization', `Bearer ${none}.${claims}.`).expect(401);
      expect(res.body).toMatchObject({ success: false, error: 'UNAUTHORIZED' });
    });

    it('refuses a token signed with another secret', async () => {
      const other = await createTestApp({ JWT_SECRET: 'another-secret-that-is-long-enough-0123456789abcdef' });
      try {
        const { token } = await other.createUser({ role: 'ADMIN' });
        await t.http().get('/api/v1/probe/me').set('authorization', `Bearer ${token}`).expect(401);
      } finally {
        await other.close();
      }
    });

    it('gives the current user to an authenticated route and checks roles', async () => {
      const agent = await t.createUser({ role: 'AGENT' });
      const me = await t.http().get('/api/v1/probe/me').set(agent.auth).expect(200);
      expect(me.body.data).toEqual({ id: agent.user.id, role: 'AGENT', status: 'ACTIVE' });
      const denied = await t.http().get('/api/v1/probe/admins-only').set(agent.auth).expect(403);
      expect(denied.body).toMatchObject({ success: false, statusCode: 403, error: 'FORBIDDEN' });
      const admin = await t.createUser({ role: 'ADMIN' });
      await t.http().get('/api/v1/probe/admins-only').set(admin.auth).expect(200);
    });

    it('refuses a deactivated or deleted user on the next request, before the token expires', async () => {
      const agent = await t.createUser({ role: 'AGENT' });
      await t.http().get('/api/v1/probe/me').set(agent.auth).expect(200);
      await t.prisma.user.update({ where: { id: agent.user.id }, data: { status: 'DEACTIVATED' } });
      await t.http().get('/api/v1/probe/me').set(agent.auth).expect(401);
      const other = await t.createUser({ role: 'AGENT' });
      await t.prisma.user.update({ where: { id: other.user.id }, data: { deletedAt: new Date() } });
      await t.http().get('/api/v1/probe/me').set(other.auth).expect(401);
    });

    it('fails closed for a handler that declares no access rule', async () => {
      const admin = await t.createUser({ role: 'SUPER_ADMIN' });
      await t.http().get('/api/v1/probe/undeclared').expect(401);
      await t.http().get('/api/v1/probe/undeclared').set(admin.auth).expect(403);
    });
  });

  it('applies the global rate limit with 429 in the envelope', async () => {
    const limited = await createTestApp({ THROTTLE_LIMIT: '3' }, [ProbeModule]);
    try {
      for (let i = 0; i < 3; i += 1) await limited.http().get('/api/v1/probe/slow?ms=0').expect(200);
      const res = await limited.http().get('/api/v1/probe/slow?ms=0').expect(429);
      expect(res.body).toMatchObject({ success: false, statusCode: 429, error: 'TOO_MANY_REQUESTS' });
      await limited.http().get('/api/v1/health').expect(200);
    } finally {
      await limited.close();
    }
  });

  it('finishes requests in flight when the app closes', async () => {
    const closing = await createTestApp({}, [ProbeModule]);
    const inFlight = fetch(`${closing.baseUrl}/api/v1/probe/slow?ms=400`).then(async (res) => ({ status: res.status, body: await res.json() }));
    await eventually(() => expect(slowProbe.inFlight).toBe(1), { what: 'the slow request to reach the app' });
    await closing.close();
    await expect(inFlight).resolves.toEqual({ status: 200, body: { success: true, data: { waited: 400 } } });
    await expect(fetch(`${closing.baseUrl}/api/v1/health`)).rejects.toThrow();
  });
});
