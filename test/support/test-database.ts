import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * One PostgreSQL per test run (TEST_DATABASE_URL, or an embedded server the global setup starts),
 * one migrated template database, and a fresh database cloned from it for every test file.
 */
export const HARNESS_FILE_ENV = 'CX_TEST_HARNESS';

export interface HarnessState {
  serverUrl: string; // admin connection (database "postgres")
  template: string;
  runId: string;
}

export function readHarness(): HarnessState {
  const raw = process.env[HARNESS_FILE_ENV];
  if (!raw) throw new Error('The e2e harness is not set up: run e2e tests through `npm test`');
  return JSON.parse(raw) as HarnessState;
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function newRunId(): string {
  return createHash('sha1')
    .update(`${process.cwd()}:${process.pid}:${randomBytes(4).toString('hex')}`)
    .digest('hex')
    .slice(0, 10);
}

let counter = 0;

/** A new database cloned from the migrated template; returns its URL and a drop function. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const { serverUrl, template, runId } = readHarness();
  counter += 1;
  const name = `cx_t_${runId}_${process.env.JEST_WORKER_ID ?? '0'}_${process.pid}_${counter}`;
  // Concurrent clones of one template collide when another session is connected to it; retry briefly.
  for (let attempt = 0; ; attempt += 1) {
    try {
      await adminQuery(serverUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      break;
    } catch (error) {
      if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
    }
  }
  return {
    url: withDatabase(serverUrl, name),
    drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
