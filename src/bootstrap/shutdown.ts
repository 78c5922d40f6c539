import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { EmbeddedDatabase } from '../infra/database/embedded-postgres.js';
import { closeSocketConnections } from '../infra/realtime/socket-io.adapter.js';
import { drainHttp } from './lifecycle.js';
import { reasonOf } from './startup-failure.js';

const SOCKETS_CLOSE_MS = 1_000;

export interface ShutdownOptions {
  graceMs: number;
  embedded?: EmbeddedDatabase;
  exit?: (code: number) => void;
}

/**
 * The order a stopping process follows (the one the Kubernetes pod lifecycle assumes): readiness
 * turns 503 and the listener closes; requests in flight finish; Socket.IO connections close so that
 * clients reconnect elsewhere; the modules shut down (queue workers finish their current job, then
 * the database pool closes); the embedded PostgreSQL stops last. All of it within `graceMs`, past
 * which the process exits with 1 anyway.
 */
export class GracefulShutdown {
  private readonly logger = new Logger('Shutdown');
  private running = false;

  constructor(
    private readonly app: NestFastifyApplication,
    private readonly options: ShutdownOptions,
  ) {}

  get started(): boolean {
    return this.running;
  }

  async run(reason: string, exitCode = 0): Promise<void> {
    if (this.running) return;
    this.running = true;
    const exit = this.options.exit ?? ((code: number) => process.exit(code));
    const { graceMs, embedded } = this.options;
    const started = Date.now();
    const deadline = started + graceMs;
    const force = setTimeout(() => {
      this.logger.error(`Shutdown did not finish within ${graceMs / 1000} s (SHUTDOWN_GRACE_SECONDS): exiting`);
      embedded?.abandon();
      exit(1);
    }, graceMs);
    this.logger.log(`${reason}: draining (up to ${graceMs / 1000} s)`);
    try {
      // Keep time for the steps after the drain: sockets, jobs, pool, database.
      const cut = await drainHttp(this.app, deadline - Math.min(3_000, graceMs / 3));
      if (cut > 0) this.logger.warn(`${cut} request(s) were still running at the drain deadline and were cut`);
      await closeSocketConnections(this.app.getHttpServer(), SOCKETS_CLOSE_MS);
      await this.app.close();
      await embedded?.stop(Math.max(1_000, deadline - Date.now()));
      clearTimeout(force);
      this.logger.log(`Stopped in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      exit(exitCode);
    } catch (error) {
      clearTimeout(force);
      this.logger.error(`Shutdown failed: ${reasonOf(error)}`);
      embedded?.abandon();
      exit(1);
    }
  }
}
