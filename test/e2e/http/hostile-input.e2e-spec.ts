import { ProbeModule } from '../../support/probe.module.js';
import { createTestApp, TestApp } from '../../support/test-app.js';

/** Input an attacker sends on purpose: each one gets a 4xx in the error envelope, never a 500 or a stall. */
describe('HTTP edge: hostile input', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ JSON_MAX_DEPTH: '64' }, [ProbeModule]);
  });
  afterAll(() => t.close());

  const nested = (depth: number, open = '[', close = ']') => `${open.repeat(depth)}${close.repeat(depth)}`;
  const postJson = (path: string, text: string) => t.http().post(path).set('content-type', 'application/json').send(text);

  describe('deeply nested JSON', () => {
    it('refuses 400,000 nested arrays (800 KB, under the body limit) with 400 JSON_TOO_DEEP', async () => {
      const body = nested(400_000);
      expect(body.length).toBe(800_000);
      const res = await postJson('/api/v1/auth/login', body).expect(400);
      expect(res.body).toMatchObject({ success: false, statusCode: 400, error: 'JSON_TOO_DEEP' });
      expect(res.body.message).toMatch(/64/);
      const objects = await postJson('/api/v1/probe/echo', `${'{"a":'.repeat(100)}1${'}'.repeat(100)}`).expect(400);
      expect(objects.body.error).toBe('JSON_TOO_DEEP');
    });

    it('accepts nesting up to the limit and counts brackets inside strings as text', async () => {
      const atLimit = await postJson('/api/v1/probe/echo', `{"email":"a@b.cx","count":1,"address":{"city":"P"},"x":${nested(63)}}`).expect(400);
      expect(atLimit.body.error).toBe('VALIDATION_FAILED');
      const overLimit = await postJson('/api/v1/probe/echo', `{"email":"a@b.cx","count":1,"x":${nested(64)}}`).expect(400);
      expect(overLimit.body.error).toBe('JSON_TOO_DEEP');
      const inText = await postJson('/api/v1/probe/echo', JSON.stringify({ email: 'a@b.cx', count: 2, address: { city: `"\\${'['.repeat(500)}{{{` } })).expect(
        201,
      );
      expect(inText.body.data.address.city).toBe(`"\\${'['.repeat(500)}{{{`);
    });

    it('keeps MALFORMED_JSON and the prototype-poisoning refusal', async () => {
      expect((await postJson('/api/v1/probe/echo', '{"email": ').expect(400)).body.error).toBe('MALFORMED_JSON');
      expect((await postJson('/api/v1/probe/echo', '[[[1]').expect(400)).body.error).toBe('MALFORMED_JSON');
      const poisoned = await postJson('/api/v1/probe/echo', '{"email":"a@b.cx","count":1,"__proto__":{"isAdmin":true}}').expect(400);
      expect(poisoned.body.error).toBe('MALFORMED_JSON');
      const ctor = await postJson('/api/v1/probe/echo', '{"email":"a@b.cx","count":1,"constructor":{"prototype":{"isAdmin":true}}}').expect(400);
      expect(ctor.body.error).toBe('MALFORMED_JSON');
    });
  });

  describe('NUL bytes and lone surrogates', () => {
    it('refuses them in a query string, naming the field', async () => {
      const res = await t.http().get('/api/v1/faqs?search=%00').expect(400);
      expect(res.body).toMatchObject({ success: false, statusCode: 400, error: 'INVALID_TEXT' });
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'search', in: 'query' })]);
      // A URL cannot carry a lone surrogate: invalid UTF-8 escapes stay literal text.
      await t.http().get('/api/v1/faqs?search=%ED%A0%80').expect(200);
    });

    it('refuses them in a JSON body at any depth, naming the field', async () => {
      const login = await postJson('/api/v1/auth/login', '{"username":"ann\\u0000","password":"x"}').expect(400);
      expect(login.body).toMatchObject({ error: 'INVALID_TEXT', details: [expect.objectContaining({ field: 'username', in: 'body' })] });
      const donor = await t.http().post('/api/v1/donor-queries').send({ donor: 'Jane', donorId: 'D-1', message: 'hello\u0000world' }).expect(400);
      expect(donor.body).toMatchObject({ error: 'INVALID_TEXT', details: [expect.objectContaining({ field: 'message' })] });
      const lone = await postJson('/api/v1/probe/echo', '{"email":"a@b.cx","count":1,"address":{"city":"\\ud800"}}').expect(400);
      expect(lone.body).toMatchObject({ error: 'INVALID_TEXT', details: [expect.objectContaining({ field: 'address.city' })] });
      const inArray = await postJson('/api/v1/probe/echo', '{"email":"a@b.cx","count":1,"tags":["ok","\\udc00x"]}').expect(400);
      expect(inArray.body.details).toEqual([expect.objectContaining({ field: 'tags.1' })]);
      const inKey = await postJson('/api/v1/probe/echo', '{"email":"a@b.cx","count":1,"k\\u0000":1}').expect(400);
      expect(inKey.body.error).toBe('INVALID_TEXT');
    });

    it('refuses them in a path parameter, naming it', async () => {
      const res = await t.http().put('/api/v1/communication/call/room%00x/status').send({ status: 'ENDED' }).expect(400);
      expect(res.body).toMatchObject({ error: 'INVALID_TEXT', details: [expect.objectContaining({ field: 'roomName', in: 'params' })] });
    });

    it('still accepts well-formed text: emoji (surrogate pairs), accents and escaped characters', async () => {
      const res = await postJson('/api/v1/probe/echo', '{"email":"a@b.cx","count":1,"address":{"city":"Z\\u00fcrich \\ud83d\\ude00 \\u0001"}}').expect(201);
      expect(res.body.data.address.city).toBe('Zürich 😀 \u0001');
      await t.http().get('/api/v1/faqs?search=%F0%9F%98%80%20caf%C3%A9').expect(200);
    });
  });

  describe('content types', () => {
    it('answers a form body on a JSON route with 415, public routes included', async () => {
      const login = await t
        .http()
        .post('/api/v1/auth/login')
        .set('content-type', 'application/x-www-form-urlencoded')
        .send('username=ann&password=x')
        .expect(415);
      expect(login.body).toMatchObject({ success: false, statusCode: 415, error: 'UNSUPPORTED_MEDIA_TYPE' });
      const donor = await t.http().post('/api/v1/donor-queries').type('form').send({ donor: 'Jane', donorId: 'D-1', message: 'hi' }).expect(415);
      expect(donor.body.error).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(await t.prisma.donorQuery.count({ where: { donor: 'Jane', donorId: 'D-1' } })).toBe(0);
    });

    it('answers a multipart body on a route that takes JSON with 415', async () => {
      const login = await t.http().post('/api/v1/auth/login').field('username', 'ann').field('password', 'x').expect(415);
      expect(login.body).toMatchObject({ success: false, statusCode: 415, error: 'UNSUPPORTED_MEDIA_TYPE' });
      await t.http().post('/api/v1/donor-queries').field('donor', 'Jane').field('donorId', 'D-2').field('message', 'hi').expect(415);
      expect(await t.prisma.donorQuery.count({ where: { donorId: 'D-2' } })).toBe(0);
    });

    it('still accepts JSON with a charset and a multipart upload on an upload route', async () => {
      await t.http().post('/api/v1/probe/echo').set('content-type', 'application/json; charset=utf-8').send('{"email":"a@b.cx","count":1}').expect(201);
      const user = await t.createUser({ role: 'CUSTOMER' });
      const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
      const res = await t.http().put('/api/v1/users/me/avatar').set(user.auth).attach('file', png, { filename: 'a.png', contentType: 'image/png' });
      expect(res.status).toBe(200);
    });
  });

  it('answers an oversized URL with 414 in the error envelope', async () => {
    const res = await t
      .http()
      .get(`/api/v1/faqs/${'a'.repeat(5000)}`)
      .expect(414);
    expect(res.body).toMatchObject({ success: false, statusCode: 414, error: 'URI_TOO_LONG' });
    expect(typeof res.body.requestId).toBe('string');
  });
});
