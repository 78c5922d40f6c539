import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isPostmasterOf, stopOrphanedPostmaster } from './orphaned-postmaster.js';

describe('stopOrphanedPostmaster', () => {
  let dataDir: string;
  const lock = (pid: number) =>
    writeFileSync(path.join(dataDir, 'postmaster.pid'), `${pid}\n${dataDir}\n1700000000\n54329\n/tmp\nlocalhost\n  1234  5678\nready   \n`);

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'cx-orphan-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('does nothing without a lock file, or when the process it names is gone', async () => {
    const log: string[] = [];
    await stopOrphanedPostmaster(dataDir, (line) => log.push(line));
    lock(2 ** 22 + 12345); // above Linux's pid_max: no such process
    await stopOrphanedPostmaster(dataDir, (line) => log.push(line));
    expect(log).toEqual([]);
    expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(true);
  });

  it('sets aside a lock file whose pid now belongs to another program, and signals nobody', async () => {
    const log: string[] = [];
    lock(process.pid); // alive, and not a PostgreSQL of this folder
    await stopOrphanedPostmaster(dataDir, (line) => log.push(line));
    expect(log).toEqual([expect.stringMatching(new RegExp(`^postmaster.pid named process ${process.pid}, which is not a PostgreSQL of this folder`))]);
    expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
    expect(readdirSync(dataDir)).toEqual([expect.stringMatching(/^postmaster\.pid\.stale-\d+$/)]);
  });
});

describe('isPostmasterOf', () => {
  it('recognises a postgres binary of this data folder by -D or by its working folder', () => {
    expect(isPostmasterOf({ alive: true, args: ['/x/bin/postgres', '-D', '/data/pg', '-p', '5432'] }, '/data/pg')).toBe(true);
    expect(isPostmasterOf({ alive: true, args: ['/x/bin/postgres', '-p', '5432'], cwd: '/data/pg' }, '/data/pg')).toBe(true);
    expect(isPostmasterOf({ alive: true, args: ['/x/bin/postgres', '-D', '/data/other'] }, '/data/pg')).toBe(false);
    expect(isPostmasterOf({ alive: true, args: ['node', 'server.js', '-D', '/data/pg'] }, '/data/pg')).toBe(false);
    expect(isPostmasterOf({ alive: false }, '/data/pg')).toBe(false);
  });
});
