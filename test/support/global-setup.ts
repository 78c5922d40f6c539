import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../src/infra/database/embedded-postgres.js';
import { migrateDatabase } from '../../src/infra/database/migrate.js';
import { adminQuery, HARNESS_FILE_ENV, HarnessState, newRunId, withDatabase } from './test-database.js';

/**
 * Runs once per `npm test`: picks the PostgreSQL server (TEST_DATABASE_URL, or an embedded one in a
 * temporary folder, tuned with fsync off), creates the template database and migrates it.
 */
export default async function globalSetup(): Promise<void> {
  const runId = newRunId();
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres({
      dataDir: path.join(os.tmpdir(), `cx-test-pg-${runId}`, 'data'),
      port: 55_000 + Math.floor(Math.random() * 5_000),
      tuneForTests: true,
    });
    (globalThis as { __cxEmbedded?: { stop(): Promise<void> } }).__cxEmbedded = embedded;
    serverUrl = withDatabase(embedded.url, 'postgres');
  }
  const template = `cx_tmpl_${runId}`;
  await adminQuery(serverUrl, `CREATE DATABASE "${template}"`);
  await migrateDatabase(withDatabase(serverUrl, template));
  const state: HarnessState = { serverUrl, template, runId };
  process.env[HARNESS_FILE_ENV] = JSON.stringify(state);
}
