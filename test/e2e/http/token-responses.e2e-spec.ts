import { createTestApp, TestApp } from '../../support/test-app.js';
import { requestCode, signUp, uniqueEmail } from '../auth/auth-helpers.js';

/** Answers that carry tokens must never be stored by a browser, a proxy or a CDN. */
describe('HTTP edge: token responses are not cached', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('marks signup, login, refresh, OTP verification and donor-query creation no-store', async () => {
    const email = uniqueEmail('nostore');
    const signup = await signUp(t, { email });
    expect(signup.token).toBeDefined();

    const login = await t.http().post('/api/v1/auth/login').send({ email, password: 'Purple-Otter-Sings-77' }).expect(200);
    expect(login.headers['cache-control']).toBe('no-store');
    const refresh = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: login.body.data.refreshToken }).expect(200);
    expect(refresh.headers['cache-control']).toBe('no-store');

    const other = uniqueEmail('nostore-otp');
    const code = await requestCode(t, { email: other }, 'SIGNUP');
    const verified = await t.http().post('/api/v1/otp/verify').send({ email: other, type: 'SIGNUP', code }).expect(200);
    expect(verified.body.data.verificationToken).toBeDefined();
    expect(verified.headers['cache-control']).toBe('no-store');
    const donor = await t.http().post('/api/v1/donor-queries').send({ donor: 'Jane', donorId: 'D-1', message: 'hello' }).expect(201);
    expect(donor.headers['cache-control']).toBe('no-store');
  });

  it('leaves other answers cacheable as before', async () => {
    const res = await t.http().get('/api/v1/faqs').expect(200);
    expect(res.headers['cache-control']).toBeUndefined();
  });
});
