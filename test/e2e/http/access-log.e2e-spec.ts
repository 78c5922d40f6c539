import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnServer, SpawnedServer } from '../../support/spawned-server.js';
import { createTestDatabase } from '../../support/test-database.js';

interface LogLine {
  level: number;
  requestId?: string;
  msg?: string;
  method?: string;
  url?: string;
  statusCode?: number;
  responseTime?: number;
}

/** The shipped default, LOG_LEVEL=info, on the real entry point: one access-log line per request. */
describe('HTTP edge: access log at info', () => {
  let server: SpawnedServer | undefined;
  let database: { url: string; drop: () => Promise<void> };
  let dataDir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'cx-access-log-'));
    server = await spawnServer(
      { DATABASE_URL: database.url, DATA_DIR: dataDir, LOG_LEVEL: 'info', JWT_SECRET: 'access-log-secret-that-is-long-enough-0123456789' },
      60_000,
    );
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes exactly one line per request with its id, method, url, status and time, and all of them by exit', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `access-log-${i}`);
    await Promise.all(
      ids.map((id, i) =>
        fetch(`${server!.url}/api/v1/${i % 3 === 0 ? 'does-not-exist' : 'faqs'}?limit=${i + 1}`, { headers: { 'x-request-id': id } }).then((res) => res.text()),
      ),
    );
    expect(await server!.stop('SIGTERM')).toBe(0);

    const lines = server!
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogLine);
    for (const [i, id] of ids.entries()) {
      const mine = lines.filter((line) => line.requestId === id);
      expect(mine).toEqual([
        expect.objectContaining({
          level: 30,
          msg: 'request completed',
          method: 'GET',
          url: expect.stringContaining(`limit=${i + 1}`),
          statusCode: i % 3 === 0 ? 404 : 200,
          responseTime: expect.any(Number),
        }),
      ]);
    }
  });
});
