import 'reflect-metadata';
import { createApp } from './app.setup.js';
import { prepareRuntime } from './bootstrap/runtime.js';
import { ConfigError } from './config/environment.js';
import { API_PREFIX } from './swagger.js';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const { config, embedded } = await prepareRuntime(process.env, say);
  const app = await createApp(config);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal} received: finishing requests in flight and shutting down`);
    const force = setTimeout(() => {
      say('Shutdown took too long; exiting');
      process.exit(1);
    }, config.shutdownGraceMs).unref();
    try {
      await app.close(); // stops accepting, drains requests, closes sockets, disconnects Prisma
      await embedded?.stop();
      clearTimeout(force);
      process.exit(0);
    } catch (error) {
      say(`Shutdown failed: ${(error as Error).message}`);
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const base = `http://${shown}:${config.port}`;
  say(`API      ${base}/${API_PREFIX}`);
  if (config.swaggerEnabled) say(`Swagger  ${base}/docs  (JSON: ${base}/docs-json)`);
  say(`Database ${embedded ? `embedded PostgreSQL (${config.dataDir}/postgres)` : 'DATABASE_URL'}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : `Start-up failed: ${(error as Error).message ?? error}`}\n`);
  process.exit(1);
});
