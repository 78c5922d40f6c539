import { randomUUID } from 'node:crypto';
import compress from '@fastify/compress';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import type { Type } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';
import { installLifecycle } from './bootstrap/lifecycle.js';
import { AllExceptionsFilter } from './common/http/all-exceptions.filter.js';
import { EnvelopeInterceptor } from './common/http/envelope.interceptor.js';
import { rateLimitOptions } from './common/http/rate-limit.js';
import { createValidationPipe } from './common/http/validation.pipe.js';
import { AppConfig } from './config/app-config.js';
import { createRootLogger, PinoNestLogger } from './infra/logging/pino-logger.js';
import { AppSocketIoAdapter } from './infra/realtime/socket-io.adapter.js';
import { RedisConnections } from './infra/redis/redis-connections.js';
import { API_PREFIX, setupSwagger } from './swagger.js';

/** Builds the application exactly as production runs it; `main.ts` and every e2e test call this. */
export async function createApp(config: AppConfig, extraModules: Type[] = []): Promise<NestFastifyApplication> {
  const logger = createRootLogger(config.logLevel);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    forceCloseConnections: 'idle',
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, extraModules), adapter, {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  await configureApp(app, config);
  return app;
}

export async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeContentTypeParser('text/plain');
  // Graceful shutdown: once the server stops listening, each response still in flight ends its
  // keep-alive connection, so closing does not wait on idle clients after the last request ends.
  fastify.addHook('onResponse', (request, _reply, done) => {
    if (!fastify.server.listening) request.raw.socket?.end();
    done();
  });

  // Swagger UI loads inline scripts; the API itself only returns JSON, where CSP adds nothing.
  await app.register(helmet, { contentSecurityPolicy: false });
  await app.register(compress, { encodings: ['br', 'gzip', 'deflate'], threshold: 1024 });
  const redis = config.redisUrl ? new RedisConnections(config.redisUrl) : undefined;
  if (redis) fastify.addHook('onClose', async () => redis.close());
  await app.register(rateLimit, rateLimitOptions(config, redis?.command));
  await app.register(multipart, { limits: { fileSize: config.uploadMaxBytes, files: 5, fields: 20 } });
  app.enableCors({ origin: config.corsOrigins, credentials: true });
  installLifecycle(app); // health probes straight from Fastify; the drain a shutdown starts with

  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useGlobalInterceptors(new EnvelopeInterceptor(app.get(Reflector)));
  app.useWebSocketAdapter(new AppSocketIoAdapter(app, config.corsOrigins, redis && { connections: redis, keyPrefix: config.redisKeyPrefix }));
  if (config.swaggerEnabled) setupSwagger(app);
}
