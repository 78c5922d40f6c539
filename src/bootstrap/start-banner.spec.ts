import { AppConfig } from '../config/app-config.js';
import { startBanner } from './start-banner.js';

const config = (env: Record<string, string> = {}) =>
  AppConfig.fromEnv({ PORT: '3000', ...env }, { databaseUrl: 'postgresql://localhost/cx', jwtSecret: 'banner-secret-that-is-long-enough-0123456789' });

describe('start banner', () => {
  it('names the API, the Swagger and event docs, the database and the seeded accounts', () => {
    const lines = startBanner(config(), { embedded: true });
    expect(lines.slice(0, 4)).toEqual([
      'API      http://localhost:3000/api/v1',
      'Swagger  http://localhost:3000/docs  (JSON: http://localhost:3000/docs-json)',
      'Events   http://localhost:3000/docs/events  (AsyncAPI: http://localhost:3000/docs/asyncapi.json)',
      'Database embedded PostgreSQL (.data/postgres)',
    ]);
    const table = lines.join('\n');
    expect(table).toMatch(/SUPER_ADMIN\s+admin@cx\.local\s+Admin#Passw0rd!/);
    for (const email of ['admin@demo.cx', 'support@demo.cx', 'agent@demo.cx', 'client@demo.cx', 'customer@demo.cx'])
      expect(table).toMatch(new RegExp(`${email.replace('.', '\\.')}\\s+Demo#Passw0rd!`));
  });

  it('never prints an admin password of ones own, and no demo accounts when they were not seeded', () => {
    const table = startBanner(config({ SEED_ADMIN_PASSWORD: 'My-own-Secret-9!', SEED_DEMO_DATA: 'false' }), { embedded: true }).join('\n');
    expect(table).not.toContain('My-own-Secret-9!');
    expect(table).toContain('(SEED_ADMIN_PASSWORD)');
    expect(table).not.toContain('@demo.cx');
  });

  it('lists no accounts for an external database, which the start does not seed', () => {
    expect(startBanner(config(), { embedded: false }).join('\n')).not.toContain('password');
  });
});
