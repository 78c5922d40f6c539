import { readdir } from 'node:fs/promises';
import { DEMO_PASSWORD, DEMO_USERS } from '../../../src/infra/database/seed/demo-users.js';
import { seedDatabase } from '../../../src/infra/database/seed/seed.js';
import { createTestApp, TestApp } from '../../support/test-app.js';
import { freshIp } from './auth-helpers.js';

const storedFiles = (root: string) => readdir(root, { recursive: true, withFileTypes: true }).then((entries) => entries.filter((e) => e.isFile()));

describe('Seed: demo accounts', () => {
  let t: TestApp;
  const seedAdmin = { adminEmail: 'root@seed.cx', adminPassword: 'Seed-Admin-Passw0rd!' };

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('seeds a SUPER_ADMIN and one demo user per role that can sign in, idempotently', async () => {
    const options = { ...seedAdmin, demoData: true, bcryptRounds: 4, uploadDir: t.config.uploadDir };
    await seedDatabase(t.prisma, options);
    await seedDatabase(t.prisma, options);
    expect(await t.prisma.user.count({ where: { role: 'SUPER_ADMIN' } })).toBe(1);
    expect(await t.prisma.agentProfile.count()).toBe(1);
    expect(await t.prisma.clientProfile.count()).toBe(1);
    // The demo agent's onboarding is there once: a second run adds no row and no file.
    const once = { agent: { user: { email: 'agent@demo.cx' } } };
    const counts = await Promise.all([
      t.prisma.qualification.count({ where: once }),
      t.prisma.experience.count({ where: once }),
      t.prisma.kycDocument.count({ where: once }),
      t.prisma.kycReview.count({ where: once }),
      t.prisma.agreementSignature.count({ where: once }),
      t.prisma.candidateAssessment.count({ where: { user: { email: 'agent@demo.cx' } } }),
    ]);
    expect(counts).toEqual([1, 1, 3, 1, 1, 1]);
    expect(await storedFiles(t.config.uploadDir)).toHaveLength(4);

    const admin = await t.http().post('/api/v1/auth/login').set(freshIp()).send({ email: options.adminEmail, password: options.adminPassword }).expect(200);
    expect(admin.body.data.user.role).toBe('SUPER_ADMIN');
    for (const demo of DEMO_USERS) {
      const res = await t.http().post('/api/v1/auth/login').set(freshIp()).send({ username: demo.username, password: DEMO_PASSWORD }).expect(200);
      expect(res.body.data.user).toMatchObject({ role: demo.role, emailVerified: true });
      if (demo.role === 'AGENT') expect(res.body.data.registrationStatus).toEqual({ nextStep: 'DASHBOARD', missingFields: [] });
    }
  });
});
