import pg from 'pg';
import { seedDatabaseIfIncomplete } from '../../src/infra/database/seed/seed.js';
import { createTestDatabase } from '../support/test-database.js';

const options = { adminEmail: 'Root@Seed.cx', adminPassword: 'Seed-Admin-Passw0rd!', demoData: true, bcryptRounds: 4 };

describe('Seed at start-up', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await database.drop();
  });

  it('seeds an empty database, then finds nothing missing on the next start', async () => {
    await expect(seedDatabaseIfIncomplete(database.url, options)).resolves.toBe(true);
    await expect(seedDatabaseIfIncomplete(database.url, options)).resolves.toBe(false);
  });

  // Each removal takes away something one seeder creates; the next start must notice and put it back.
  const removals: [string, string, string][] = [
    ['the super admin', `DELETE FROM assessments; DELETE FROM users WHERE email = 'root@seed.cx'`, `SELECT count(*)::int AS n FROM users WHERE email = 'root@seed.cx'`],
    ['a demo user', `DELETE FROM users WHERE email = 'support@demo.cx'`, `SELECT count(*)::int AS n FROM users WHERE email = 'support@demo.cx'`],
    ['a demo verification', `UPDATE users SET email_verified_at = NULL WHERE email = 'customer@demo.cx'`, `SELECT count(*)::int AS n FROM users WHERE email = 'customer@demo.cx' AND email_verified_at IS NOT NULL`],
    ['the demo opportunity', `DELETE FROM opportunities`, `SELECT count(*)::int AS n FROM opportunities`],
    ['a demo donor query', `DELETE FROM donor_queries WHERE donor_id = 'DEMO-DNR-2'`, `SELECT count(*)::int AS n FROM donor_queries WHERE donor_id = 'DEMO-DNR-2'`],
    ['a demo FAQ', `DELETE FROM faqs WHERE question = 'How long does a refund take?'`, `SELECT count(*)::int AS n FROM faqs WHERE question = 'How long does a refund take?'`],
    ['the demo assessment', `DELETE FROM assessments`, `SELECT count(*)::int AS n FROM assessments`],
  ];
  it.each(removals)('puts back %s on the next start', async (_what, remove, count) => {
    await db.query(remove);
    expect((await db.query(count)).rows[0].n).toBe(0);
    await expect(seedDatabaseIfIncomplete(database.url, options)).resolves.toBe(true);
    expect((await db.query(count)).rows[0].n).toBe(1);
    await expect(seedDatabaseIfIncomplete(database.url, options)).resolves.toBe(false);
  });

  it('without demo data seeds the super admin only', async () => {
    const bare = await createTestDatabase();
    try {
      await expect(seedDatabaseIfIncomplete(bare.url, { ...options, demoData: false })).resolves.toBe(true);
      await expect(seedDatabaseIfIncomplete(bare.url, { ...options, demoData: false })).resolves.toBe(false);
      const client = new pg.Client({ connectionString: bare.url });
      await client.connect();
      const { rows } = await client.query('SELECT email, role FROM users');
      await client.end();
      expect(rows).toEqual([{ email: 'root@seed.cx', role: 'SUPER_ADMIN' }]);
    } finally {
      await bare.drop();
    }
  });
});
