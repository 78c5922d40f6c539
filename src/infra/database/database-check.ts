import pg from 'pg';

/** Connects once to fail fast, with a message that names the server, when the database is unreachable. */
export async function assertDatabaseReachable(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const url = new URL(databaseUrl);
    const reason = error instanceof Error ? error.message || (error as NodeJS.ErrnoException).code : String(error);
    throw new Error(`Cannot reach the database at ${url.hostname}:${url.port || 5432}${url.pathname}: ${reason}`, { cause: error });
  } finally {
    await client.end().catch(() => undefined);
  }
}
