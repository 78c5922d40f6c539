import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedDatabase } from './embedded-postgres.js';

/**
 * The supervision of the embedded PostgreSQL, on a stand-in `postgres` binary (a shell script that
 * says it is ready and stays up, or fails the way PostgreSQL does), so that deaths and failed
 * restarts can be played quickly and exactly.
 */
describe('EmbeddedDatabase supervision', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cx-fake-postgres-'));
  const binary = path.join(dir, 'postgres');
  const failing = path.join(dir, 'fail');
  writeFileSync(
    binary,
    `#!/bin/sh
if [ -f "${failing}" ]; then echo "FATAL:  could not create any TCP/IP sockets" >&2; exit 1; fi
echo "LOG:  database system is ready to accept connections" >&2
exec sleep 600
`,
  );
  chmodSync(binary, 0o755);
  const databases: EmbeddedDatabase[] = [];
  const supervised = (attempts = 3) => {
    const lines: string[] = [];
    const database = new EmbeddedDatabase(binary, { dataDir: dir, port: 1, flags: [] }, { attempts, firstDelayMs: 10, maxDelayMs: 40 }, (line) =>
      lines.push(line),
    );
    databases.push(database);
    return { database, lines };
  };
  const until = async (condition: () => boolean) => {
    const deadline = Date.now() + 10_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('condition not reached');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  afterEach(async () => {
    rmSync(failing, { force: true });
    await Promise.all(databases.splice(0).map((database) => database.stop(1_000)));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts the server again when it dies, and logs both', async () => {
    const { database, lines } = supervised();
    await database.launch();
    const first = database.pid!;
    process.kill(first, 'SIGKILL');
    await until(() => database.state.status === 'up' && database.pid !== first);
    expect(lines).toEqual([
      expect.stringMatching(/^Embedded PostgreSQL stopped unexpectedly \(signal SIGKILL\): restarting it$/),
      expect.stringMatching(/^Embedded PostgreSQL is back after [\d.]+ s \(attempt 1\)$/),
    ]);
  });

  it('gives up after the bounded attempts, says why, and reports the failure once', async () => {
    const { database, lines } = supervised(3);
    const failures: string[] = [];
    database.onFailure((reason) => failures.push(reason));
    await database.launch();
    writeFileSync(failing, '');
    process.kill(database.pid!, 'SIGKILL');
    await until(() => database.state.status === 'failed');
    expect(lines.filter((line) => /restart attempt \d of 3 failed: .*could not create any TCP\/IP sockets/.test(line))).toHaveLength(3);
    expect(failures).toEqual([expect.stringMatching(/^Embedded PostgreSQL could not be restarted after 3 attempts: .*could not create any TCP\/IP sockets/)]);
    expect(database.state).toMatchObject({ status: 'failed' });
  });

  it('says what is happening while it restarts', async () => {
    const { database } = supervised(5);
    await database.launch();
    writeFileSync(failing, '');
    process.kill(database.pid!, 'SIGKILL');
    await until(() => /^attempt [2-5] of 5 after: /.test(database.state.detail ?? ''));
    expect(database.state).toMatchObject({ status: 'restarting', detail: expect.stringContaining('could not create any TCP/IP sockets') });
    rmSync(failing);
    await until(() => database.state.status === 'up');
  });

  it('does not restart a server it stopped itself', async () => {
    const { database, lines } = supervised();
    await database.launch();
    const pid = database.pid!;
    await database.stop(1_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(database.state.status).toBe('stopped');
    expect(() => process.kill(pid, 0)).toThrow();
    expect(lines).toEqual([]);
  });
});
