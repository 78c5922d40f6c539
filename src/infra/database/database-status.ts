import { Injectable } from '@nestjs/common';
import type { EmbeddedDatabaseState } from './embedded-postgres.js';

/**
 * What this process knows about its database beyond a ping: with the embedded default, whether the
 * server is being restarted. With DATABASE_URL nothing is supervised here and only the ping tells.
 */
@Injectable()
export class DatabaseStatus {
  private supervised?: { readonly state: EmbeddedDatabaseState };

  /** Called by the bootstrap with the embedded database it started. */
  supervise(database: { readonly state: EmbeddedDatabaseState }): void {
    this.supervised = database;
  }

  /** Why the database cannot be used right now ("restarting: attempt 2 of 10 …"), or undefined. */
  problem(): string | undefined {
    const state = this.supervised?.state;
    if (!state || state.status === 'up') return undefined;
    return state.detail ? `${state.status}: ${state.detail}` : state.status;
  }
}
