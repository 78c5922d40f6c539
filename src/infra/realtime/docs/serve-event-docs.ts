import type { INestApplication } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { buildAsyncApiDocument } from './asyncapi.js';
import { renderEventsPage } from './events-page.js';

/** `/docs/asyncapi.json` and its readable page `/docs/events`, built on first request and kept. */
export function serveEventDocs(app: INestApplication): void {
  let document: Record<string, unknown> | undefined;
  let page: string | undefined;
  const built = () => (document ??= buildAsyncApiDocument(app));
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  fastify.get('/docs/asyncapi.json', (_request, reply) => reply.type('application/json; charset=utf-8').send(built()));
  fastify.get('/docs/events', (_request, reply) => reply.type('text/html; charset=utf-8').send((page ??= renderEventsPage(built()))));
}
