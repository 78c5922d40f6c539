import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { seedDatabaseIfIncomplete } from '../../src/infra/database/seed/seed.js';
import { createTestDatabase } from '../support/test-database.js';

const uploadDir = path.join(os.tmpdir(), `cx-seed-uploads-${randomUUID()}`);
const options = { adminEmail: 'Root@Seed.cx', adminPassword: 'Seed-Admin-Passw0rd!', demoData: true, bcryptRounds: 4, uploadDir };
const DEMO_AGENT = `(SELECT p.id FROM agent_profiles p JOIN users u ON u.id = p.user_id WHERE u.email = 'agent@demo.cx')`;

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
    await rm(uploadDir, { recursive: true, force: true });
  });
  const count = async (sql: string): Promise<number> => (await db.query(sql)).rows[0].n;

  it('seeds an empty database, then finds nothing missing on the next start', async () => {
    await expect(seedDatabaseIfIncomplete(database.url, options)).resolves.toBe(true);
    await expect(seedDatabaseIfIncomplete(database.url, options)).resolves.toBe(false);
  });

  // Each removal takes away something one seeder creates; the next start must notice and put it back.
  const removals: [string, string, string][] = [
    [
      'the super admin',
      `DELETE FROM candidate_assessments; DELETE FROM assessments; DELETE FROM users WHERE email = 'root@seed.cx'`,
      `SELECT count(*)::int AS n FROM users WHERE email = 'root@seed.cx'`,
    ],
    ['a demo user', `DELETE FROM users WHERE email = 'support@demo.cx'`, `SELECT count(*)::int AS n FROM users WHERE email = 'support@demo.cx'`],
    [
      'a demo verification',
      `UPDATE users SET email_verified_at = NULL WHERE email = 'customer@demo.cx'`,
      `SELECT count(*)::int AS n FROM users WHERE email = 'customer@demo.cx' AND email_verified_at IS NOT NULL`,
    ],
    ['the demo opportunity', `DELETE FROM opportunities`, `SELECT count(*)::int AS n FROM opportunities`],
    [
      "the demo client's organisation name",
      `UPDATE client_profiles SET organization_name = NULL`,
      `SELECT count(*)::int AS n FROM client_profiles WHERE organization_name IS NOT NULL`,
    ],
    ["the demo agent's city", `UPDATE agent_profiles SET city = NULL`, `SELECT count(*)::int AS n FROM agent_profiles WHERE city IS NOT NULL`],
    ["the demo agent's qualification", `DELETE FROM agent_qualifications`, `SELECT count(*)::int AS n FROM agent_qualifications`],
    ["the demo agent's work experience", `DELETE FROM agent_experiences`, `SELECT count(*)::int AS n FROM agent_experiences`],
    [
      "a demo agent's KYC document",
      `DELETE FROM agent_kyc_documents WHERE type = 'PAN'`,
      `SELECT count(*)::int AS n FROM agent_kyc_documents WHERE type = 'PAN'`,
    ],
    [
      "the demo agent's KYC approval",
      `UPDATE agent_profiles SET kyc_status = 'PENDING'`,
      `SELECT count(*)::int AS n FROM agent_profiles WHERE kyc_status = 'APPROVED'`,
    ],
    [
      "the demo agent's assessment",
      `DELETE FROM candidate_assessments`,
      `SELECT count(*)::int AS n FROM candidate_assessments WHERE status = 'COMPLETED' AND result = 'PASSED'`,
    ],
    [
      "the demo agent's result",
      `UPDATE agent_profiles SET assessment_status = 'NOT_STARTED', cefr_level = NULL`,
      `SELECT count(*)::int AS n FROM agent_profiles WHERE assessment_status = 'PASSED' AND cefr_level IS NOT NULL`,
    ],
    [
      "the demo agent's signature",
      `DELETE FROM agent_agreement_signatures; UPDATE agent_profiles SET agreement_version = NULL`,
      `SELECT count(*)::int AS n FROM agent_agreement_signatures`,
    ],
    [
      'a demo donor query',
      `DELETE FROM donor_queries WHERE donor_id = 'DEMO-DNR-2'`,
      `SELECT count(*)::int AS n FROM donor_queries WHERE donor_id = 'DEMO-DNR-2'`,
    ],
    [
      'a demo FAQ',
      `DELETE FROM faqs WHERE question = 'How long does a refund take?'`,
      `SELECT count(*)::int AS n FROM faqs WHERE question = 'How long does a refund take?'`,
    ],
    ['the demo assessment', `DELETE FROM candidate_assessments; DELETE FROM assessments`, `SELECT count(*)::int AS n FROM assessments`],
  ];
  it.each(removals)('puts back %s on the next start', async (_what, remove, count) => {
    await db.query(remove);
    expect((await db.query(count)).rows[0].n).toBe(0);
    await expect(seedDatabaseIfIncomplete(database.url, options)).resolves.toBe(true);
    expect((await db.query(count)).rows[0].n).toBe(1);
    await expect(seedDatabaseIfIncomplete(database.url, options)).resolves.toBe(false);
  });

  it("puts back the demo agent's photo and KYC files when they are gone from the upload folder", async () => {
    const { rows } = await db.query(`SELECT photo_key AS key FROM agent_profiles UNION ALL SELECT storage_key FROM agent_kyc_documents`);
    expect(rows).toHaveLength(4);
    for (const { key } of rows) {
      await rm(path.join(uploadDir, key));
      await expect(seedDatabaseIfIncomplete(database.url, options)).resolves.toBe(true);
      await expect(seedDatabaseIfIncomplete(database.url, options)).resolves.toBe(false);
    }
    const restored = await db.query(`SELECT photo_key AS key FROM agent_profiles UNION ALL SELECT storage_key FROM agent_kyc_documents`);
    expect(restored.rows).toHaveLength(4);
    for (const { key } of restored.rows) expect(existsSync(path.join(uploadDir, key))).toBe(true);
  });

  it('keeps what the demo agent changed, and fills only what is missing', async () => {
    await db.query(`UPDATE agent_profiles SET city = 'Mysuru', skills = '{support,english,voice}', cefr_level = 'C1' WHERE id = ${DEMO_AGENT}`);
    await db.query(`DELETE FROM agent_qualifications`);
    await expect(seedDatabaseIfIncomplete(database.url, options)).resolves.toBe(true);
    const { rows } = await db.query(`SELECT city, skills, cefr_level FROM agent_profiles WHERE id = ${DEMO_AGENT}`);
    expect(rows).toEqual([{ city: 'Mysuru', skills: ['support', 'english', 'voice'], cefr_level: 'C1' }]);
    expect(await count(`SELECT count(*)::int AS n FROM agent_qualifications`)).toBe(1);
  });

  it('brings a database seeded before the demo agent was onboarded up to date, leaving real users alone', async () => {
    // What the older seed left: the demo agent's and client's profile rows, empty.
    await db.query(`DELETE FROM candidate_assessments; DELETE FROM candidates; DELETE FROM agent_profiles`);
    await db.query(`INSERT INTO agent_profiles (id, user_id, updated_at) SELECT gen_random_uuid(), id, now() FROM users WHERE email = 'agent@demo.cx'`);
    await db.query(`UPDATE client_profiles SET organization_name = NULL, industry = NULL, country = NULL, website = NULL, description = NULL`);
    // Real users who signed up meanwhile, with profiles as empty as the demo ones were.
    await db.query(`INSERT INTO users (id, email, name, role, status, password_hash, updated_at) VALUES
      (gen_random_uuid(), 'real-agent@example.com', 'Real Agent', 'AGENT', 'ACTIVE', 'x', now()),
      (gen_random_uuid(), 'real-client@example.com', 'Real Client', 'CLIENT', 'ACTIVE', 'x', now())`);
    await db.query(
      `INSERT INTO agent_profiles (id, user_id, updated_at) SELECT gen_random_uuid(), id, now() FROM users WHERE email = 'real-agent@example.com'`,
    );
    await db.query(
      `INSERT INTO client_profiles (id, user_id, updated_at) SELECT gen_random_uuid(), id, now() FROM users WHERE email = 'real-client@example.com'`,
    );

    await expect(seedDatabaseIfIncomplete(database.url, options)).resolves.toBe(true);
    await expect(seedDatabaseIfIncomplete(database.url, options)).resolves.toBe(false);

    const demo = await db.query(
      `SELECT profile_completed, city IS NOT NULL AS has_city, cardinality(skills) > 0 AS has_skills, photo_key IS NOT NULL AS has_photo, kyc_status,
              assessment_status, cefr_level IS NOT NULL AS has_level, agreement_version IS NOT NULL AS signed
         FROM agent_profiles WHERE id = ${DEMO_AGENT}`,
    );
    expect(demo.rows).toEqual([
      {
        profile_completed: true,
        has_city: true,
        has_skills: true,
        has_photo: true,
        kyc_status: 'APPROVED',
        assessment_status: 'PASSED',
        has_level: true,
        signed: true,
      },
    ]);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM client_profiles c JOIN users u ON u.id = c.user_id WHERE u.email = 'client@demo.cx' AND c.organization_name IS NOT NULL`,
      ),
    ).toBe(1);

    const real = await db.query(
      `SELECT u.email, to_jsonb(p) - 'id' - 'user_id' - 'created_at' - 'updated_at' AS profile,
              (SELECT count(*)::int FROM agent_qualifications q WHERE q.agent_id = p.id) + (SELECT count(*)::int FROM agent_kyc_documents d WHERE d.agent_id = p.id)
              + (SELECT count(*)::int FROM candidate_assessments a WHERE a.user_id = u.id) AS rows
         FROM users u JOIN agent_profiles p ON p.user_id = u.id WHERE u.email = 'real-agent@example.com'`,
    );
    expect(real.rows).toEqual([
      {
        email: 'real-agent@example.com',
        profile: expect.objectContaining({
          city: null,
          skills: [],
          photo_key: null,
          profile_completed: false,
          kyc_status: 'PENDING',
          assessment_status: 'NOT_STARTED',
          agreement_version: null,
        }),
        rows: 0,
      },
    ]);
    const realClient = await db.query(
      `SELECT organization_name FROM client_profiles c JOIN users u ON u.id = c.user_id WHERE u.email = 'real-client@example.com'`,
    );
    expect(realClient.rows).toEqual([{ organization_name: null }]);
    expect(await count(`SELECT count(*)::int AS n FROM projects`)).toBe(1);
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
