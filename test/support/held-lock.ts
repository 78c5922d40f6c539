import { expect } from '@jest/globals';
import pg from 'pg';
import { eventually } from './eventually.js';

/**
 * Makes a race deterministic: runs `race` while this test's own connection holds `lock` (a
 * `LOCK TABLE …` or a `SELECT … FOR UPDATE`) in an open transaction, waits until `waiting` of the
 * racing statements wait on a lock, then commits and lets them all go at once. A racer that checked
 * before writing then waits at its write; one that must lock the row the first holds waits for it,
 * and checks only once the first committed.
 */
export async function whileLockHeld<T>(databaseUrl: string, lock: string, waiting: number, race: () => Promise<T>): Promise<T> {
  const holder = new pg.Client({ connectionString: databaseUrl });
  await holder.connect();
  try {
    await holder.query('BEGIN');
    await holder.query(lock);
    const racing = race();
    await eventually(
      async () => {
        // The backend list is read once per transaction; a connection the pool opened since would not show.
        await holder.query('SELECT pg_stat_clear_snapshot()');
        const { rows } = await holder.query<{ waiting: number }>(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        expect(rows[0].waiting).toBe(waiting);
      },
      { timeoutMs: 10_000, what: `${waiting} racing statements to wait on the held lock` },
    );
    await holder.query('COMMIT');
    return await racing;
  } finally {
    await holder.end();
  }
}

/** {@link whileLockHeld} with a SHARE ROW EXCLUSIVE lock on `table`: its inserts and updates wait, reads and row locks do not. */
export const whileTableLocked = <T>(databaseUrl: string, table: string, waiting: number, race: () => Promise<T>): Promise<T> =>
  whileLockHeld(databaseUrl, `LOCK TABLE ${table} IN SHARE ROW EXCLUSIVE MODE`, waiting, race);
