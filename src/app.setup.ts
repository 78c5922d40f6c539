import { constants as zlib } from 'node:zlib';
import compress from '@fastify/compress';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import type { Type } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module.js';
import { AccessTokenService } from './common/auth/access-token.service.js';
import { installLifecycle } from './bootstrap/lifecycle.js';
import { AllExceptionsFilter } from './common/http/all-exceptions.filter.js';
import { corsOptions } from './common/http/cors.js';
import { EnvelopeInterceptor } from './common/http/envelope.interceptor.js';
import { answerFrameworkError } from './common/http/framework-errors.js';
import { provideRateLimitCallers, RateLimitCallers, rateLimitOptions } from './common/http/rate-limit.js';
import { echoRequestId, requestIdOf } from './common/http/request-id.js';
import { refuseUnsafeUrlText, registerJsonBodyParser } from './common/http/request-input.js';
import { UploadsOnlyMultipartInterceptor } from './common/http/uploads-only-multipart.interceptor.js';
import { createValidationPipe } from './common/http/validation.pipe.js';
import { AppConfig } from './config/app-config.js';
import { AccessLogController } from './infra/logging/access-log.js';
import { createRootLogger, PinoNestLogger } from './infra/logging/pino-logger.js';
import { installHttpRequestContext } from './infra/logging/request-context.js';
import { AppSocketIoAdapter } from './infra/realtime/socket-io.adapter.js';
import { RedisConnections } from './infra/redis/redis-connections.js';
import { API_PREFIX, setupSwagger } from './swagger.js';

/** Builds the application exactly as production runs it; `main.ts` and every e2e test call this. */
export async function createApp(
  config: AppConfig,
  extraModules: Type[] = [],
  options: { logDestination?: DestinationStream } = {},
): Promise<NestFastifyApplication> {
  const logger = await createRootLogger({ level: config.logLevel, format: config.logFormat, destination: options.logDestination });
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: requestIdOf,
    // One access-log line per request instead of Fastify's two.
    logController: new AccessLogController(logger.isLevelEnabled('info')),
    // A path segment over the router's limit (100 characters) answers 414, like a bad URL 400, in the envelope.
    frameworkErrors: answerFrameworkError,
    forceCloseConnections: 'idle',
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, extraModules), adapter, {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
    // Nest would add a JSON parser and a form (urlencoded) parser; configureApp registers the only body parser.
    bodyParser: false,
  });
  await configureApp(app, config);
  return app;
}

export async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeContentTypeParser('text/plain');
  registerJsonBodyParser(fastify, { maxDepth: config.http.jsonMaxDepth, bodyLimit: config.bodyLimitBytes });
  refuseUnsafeUrlText(fastify);
  installHttpRequestContext(fastify); // log lines written while a request is handled carry its id
  echoRequestId(fastify);
  // Once the server stops listening (app.close() without the SIGTERM drain, as in tests), each response
  // still in flight ends its keep-alive connection, so closing does not wait on idle clients.
  fastify.addHook('onResponse', (request, _reply, done) => {
    if (!fastify.server.listening) request.raw.socket?.end();
    done();
  });

  // Swagger UI loads inline scripts; the API itself only returns JSON, where CSP adds nothing.
  await app.register(helmet, { contentSecurityPolicy: false });
  const { thresholdBytes, brotliQuality, gzipLevel } = config.http.compression;
  await app.register(compress, {
    encodings: ['br', 'gzip', 'deflate'],
    threshold: thresholdBytes,
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: brotliQuality } },
    zlibOptions: { level: gzipLevel },
    // API answers are buffered JSON: compressing them in one synchronous call costs a fraction of
    // the stream pipeline (and its thread-pool round trip) the plugin uses above 8 KiB on 2 cores.
    syncThreshold: 64 * 1024,
  });
  const redis = config.redisUrl ? new RedisConnections(config.redisUrl) : undefined;
  if (redis) fastify.addHook('onClose', async () => redis.close());
  const accessTokens = app.get(AccessTokenService);
  provideRateLimitCallers(fastify, new RateLimitCallers(config, (token) => accessTokens.verify(token)));
  await app.register(rateLimit, rateLimitOptions(config, redis?.command));
  await app.register(multipart, { limits: { fileSize: config.uploadMaxBytes, files: 5, fields: 20 } });
  app.enableCors(corsOptions(config.corsOrigins));
  installLifecycle(app); // health probes straight from Fastify; the drain a shutdown starts with

  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useGlobalInterceptors(new UploadsOnlyMultipartInterceptor(app.get(Reflector)), new EnvelopeInterceptor(app.get(Reflector)));
  app.useWebSocketAdapter(new AppSocketIoAdapter(app, config.corsOrigins, redis && { connections: redis, keyPrefix: config.redisKeyPrefix }));
  if (config.swaggerEnabled) setupSwagger(app);
}
