import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { prepareRuntime } from './bootstrap/runtime.js';
import { GracefulShutdown } from './bootstrap/shutdown.js';
import { startBanner } from './bootstrap/start-banner.js';
import { describeStartupFailure, listenFailure } from './bootstrap/startup-failure.js';
import type { EmbeddedDatabase } from './infra/database/embedded-postgres.js';
import { DatabaseStatus } from './infra/database/database-status.js';

const say = (line: string) => process.stdout.write(`${line}\n`);

let embedded: EmbeddedDatabase | undefined;
let shutdown: GracefulShutdown | undefined;
let stopRequested: string | undefined;

/** A signal during start-up stops the start after its current step; a second one exits at once. */
function onSignal(signal: NodeJS.Signals): void {
  if (shutdown) {
    if (!shutdown.started) void shutdown.run(`${signal} received`);
    else {
      say(`${signal} received again: exiting now`);
      embedded?.abandon();
      process.exit(1);
    }
    return;
  }
  if (stopRequested) {
    embedded?.abandon();
    process.exit(1);
  }
  stopRequested = signal;
  say(`${signal} received during start-up: stopping once the current step ends`);
}
process.on('SIGTERM', onSignal);
process.on('SIGINT', onSignal);

/** The app's modules, loaded while the embedded PostgreSQL boots (its own process) rather than after. */
let appModules: Promise<typeof import('./app.setup.js')> | undefined;
const loadAppModules = () => {
  appModules ??= import('./app.setup.js');
  return appModules;
};

async function main(): Promise<void> {
  const runtime = await prepareRuntime(process.env, say, { whileDatabaseStarts: () => void loadAppModules().catch(() => undefined) });
  const { config } = runtime;
  embedded = runtime.embedded;
  if (stopRequested) return stopDuringStartup();
  const { createApp } = await loadAppModules();
  const app: NestFastifyApplication = await createApp(config);
  if (embedded) {
    const database = embedded;
    const logger = new Logger('EmbeddedPostgres');
    database.useLog((line) => logger.warn(line));
    app.get(DatabaseStatus).supervise(database);
    database.onFailure((reason) => void shutdown?.run(reason, 1));
  }
  shutdown = new GracefulShutdown(app, { graceMs: config.shutdownGraceMs, embedded });
  if (stopRequested) return void shutdown.run(`${stopRequested} received during start-up`);

  await app.listen({ port: config.port, host: config.host }).catch((error: unknown) => {
    throw listenFailure(error, config.port, config.host);
  });
  for (const line of startBanner(config, { embedded: Boolean(embedded) })) say(line);
}

async function stopDuringStartup(): Promise<void> {
  await embedded?.stop(5_000);
  process.exit(0);
}

main().catch(async (error: unknown) => {
  process.stderr.write(`${describeStartupFailure(error)}\n`);
  try {
    await embedded?.stop(5_000);
  } catch {
    embedded?.abandon();
  }
  process.exit(1);
});
