import { DEMO_PASSWORD, DEMO_USERS } from '../../../src/infra/database/seed/demo-users.js';
import { seedDatabase } from '../../../src/infra/database/seed/seed.js';
import { createTestApp, TestApp } from '../../support/test-app.js';
import { freshIp } from './auth-helpers.js';

describe('Seed: demo accounts', () => {
  let t: TestApp;
  const options = { adminEmail: 'root@seed.cx', adminPassword: 'Seed-Admin-Passw0rd!', demoData: true, bcryptRounds: 4 };

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('seeds a SUPER_ADMIN and one demo user per role that can sign in, idempotently', async () => {
    await seedDatabase(t.prisma, options);
    await seedDatabase(t.prisma, options);
    expect(await t.prisma.user.count({ where: { role: 'SUPER_ADMIN' } })).toBe(1);
    expect(await t.prisma.agentProfile.count()).toBe(1);
    expect(await t.prisma.clientProfile.count()).toBe(1);

    const admin = await t.http().post('/api/v1/auth/login').set(freshIp()).send({ email: options.adminEmail, password: options.adminPassword }).expect(200);
    expect(admin.body.data.user.role).toBe('SUPER_ADMIN');
    for (const demo of DEMO_USERS) {
      const res = await t.http().post('/api/v1/auth/login').set(freshIp()).send({ username: demo.username, password: DEMO_PASSWORD }).expect(200);
      expect(res.body.data.user).toMatchObject({ role: demo.role, emailVerified: true });
      if (demo.role === 'AGENT') expect(res.body.data.registrationStatus).toMatchObject({ nextStep: 'COMPLETE_PROFILE' });
    }
  });
});
