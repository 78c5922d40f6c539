import { createTestApp, TestApp } from '../../support/test-app.js';

const API_KEY = 'integration-key-0123456789';
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

/** Rate limits count every request before authentication; none can be skipped by what the client sends. */
describe('HTTP edge: rate limits cannot be skipped', () => {
  let t: TestApp;
  let ip = 0;
  const freshIp = () => ({ 'X-Forwarded-For': `10.77.0.${(ip += 1)}` });

  beforeAll(async () => {
    t = await createTestApp({ DONOR_INTEGRATION_API_KEY: API_KEY });
  });
  afterAll(() => t.close());

  const statuses = async (count: number, send: (i: number) => PromiseLike<{ status: number }>) => {
    const seen: number[] = [];
    for (let i = 0; i < count; i += 1) seen.push((await send(i)).status);
    return seen;
  };

  it('counts donor-query requests with a wrong x-api-key against the client IP: 401 until the limit, then 429', async () => {
    const client = freshIp();
    const body = { donor: 'flood', donorId: 'F', message: 'hi' };
    const seen = await statuses(25, (i) => t.http().post('/api/v1/donor-queries').set(client).set('x-api-key', `wrong-key-${i}-0123456789`).send(body));
    expect(seen.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(seen.slice(20)).toEqual([429, 429, 429, 429, 429]);
    const limited = await t.http().post('/api/v1/donor-queries').set(client).send(body).expect(429);
    expect(limited.body).toMatchObject({ success: false, error: 'TOO_MANY_REQUESTS' });
    expect(limited.headers['retry-after']).toBeDefined();
    // The right key is its own caller, not held back by the flood from its address.
    await t
      .http()
      .post('/api/v1/donor-queries')
      .set(client)
      .set('x-api-key', API_KEY)
      .send({ ...body, message: 'integration' })
      .expect(201);
  });

  describe('the chat message limit is per authenticated user', () => {
    const send = (authorization: string, client = freshIp()) =>
      t.http().post(`/api/v1/conversations/${NO_SUCH_ID}/messages`).set(client).set('authorization', authorization).send({ content: 'hello' });

    it('gives no fresh bucket for another spelling of the same token', async () => {
      const { token } = await t.createUser({ role: 'CUSTOMER' });
      const seen = await statuses(60, () => send(`Bearer ${token}`));
      expect(seen.every((status) => status === 404)).toBe(true);
      for (const spelling of [`Bearer ${token}`, `bearer ${token}`, `BEARER ${token}`, `Bearer   ${token}`]) {
        const res = await send(spelling);
        expect({ spelling, status: res.status }).toEqual({ spelling, status: 429 });
      }
      const other = await t.createUser({ role: 'CUSTOMER' });
      await send(other.auth.Authorization).expect(404);
    });

    it('counts requests without a valid token against the client IP, before authentication', async () => {
      const client = freshIp();
      const seen = await statuses(62, (i) => send(`Bearer not-a-token-${i}`, client));
      expect(seen.slice(0, 60).every((status) => status === 401)).toBe(true);
      expect(seen.slice(60)).toEqual([429, 429]);
    });
  });
});
