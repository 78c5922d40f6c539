import { seedDonorDesk } from '../../../src/infra/database/seed/donor-desk.seed.js';
import { createTestApp, TestApp } from '../../support/test-app.js';

describe('Donor desk demo seed', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ DONOR_REMINDER_SCAN_MS: '0' });
  });
  afterAll(() => t.close());

  it('seeds the demo queries once, however often it runs, and only with demo data on', async () => {
    const options = { adminEmail: 'a@cx.local', adminPassword: 'x', bcryptRounds: 4, uploadDir: t.config.uploadDir };
    await seedDonorDesk(t.prisma, { ...options, demoData: false });
    expect(await t.prisma.donorQuery.count()).toBe(0);
    await seedDonorDesk(t.prisma, { ...options, demoData: true });
    await seedDonorDesk(t.prisma, { ...options, demoData: true });
    expect(await t.prisma.donorQuery.count({ where: { donorId: { startsWith: 'DEMO-' } } })).toBe(2);
    expect(await t.prisma.donorMessage.count()).toBe(2);
    const queue = await t
      .http()
      .get('/api/v1/donor-queries/in-progress')
      .set((await t.createUser({ role: 'ADMIN' })).auth)
      .expect(200);
    expect(queue.body.data.items.map((q: { donorId: string }) => q.donorId)).toEqual(['DEMO-DNR-1']);
  });
});
