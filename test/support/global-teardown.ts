import { adminQuery, readHarness } from './test-database.js';

export default async function globalTeardown(): Promise<void> {
  const { serverUrl, template, runId } = readHarness();
  const embedded = (globalThis as { __cxEmbedded?: { stop(): Promise<void> } }).__cxEmbedded;
  if (embedded) {
    await embedded.stop();
    return;
  }
  // Drop what this run left behind on the shared server (test files drop their own; this catches crashes).
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`cx_t_${runId}_%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
  await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
}
