/**
 * The baseline of every HTTP scenario: bare Fastify + pg, the same SQL for the same route, no
 * framework, no ORM. The bench reports the Nest server's numbers as ratios of these.
 */
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = Fastify({ logger: false });

app.get('/api/v1/health/ready', async () => {
  await pool.query('SELECT 1');
  return { success: true, data: { status: 'ok', checks: { database: { status: 'up' } } } };
});

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.once('SIGTERM', async () => {
  await app.close();
  await pool.end();
  process.exit(0);
});
