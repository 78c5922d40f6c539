import pg from 'pg';

/**
 * Connects once to fail fast when the database is unreachable, with one line that names the server
 * and the variable to change.
 */
export async function assertDatabaseReachable(databaseUrl: string, variable = 'DATABASE_URL'): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const url = new URL(databaseUrl);
    const reason = error instanceof Error ? error.message || (error as NodeJS.ErrnoException).code : String(error);
    throw new Error(`Cannot reach the database at ${url.hostname}:${url.port || 5432}${url.pathname}: ${reason} (check ${variable})`, { cause: error });
  } finally {
    await client.end().catch(() => undefined);
  }
}
