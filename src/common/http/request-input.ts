import { HttpStatus } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { AppError } from './app-error.js';
import { exceedsJsonDepth } from './json-depth.js';
import { findUnsafeText, unsafeTextError } from './unsafe-text.js';

/**
 * The JSON body parser: nesting deeper than `maxDepth` is refused (400 JSON_TOO_DEEP) in one pass over
 * the text, before anything is built; then Fastify's own parser (malformed JSON, `__proto__` and
 * `constructor.prototype` poisoning refused); then NUL characters and lone surrogates, which JSON can
 * only carry as `\u` escapes, so bodies without one are not walked. No other body type has a parser
 * (multipart uploads aside), so a form post gets 415.
 */
export function registerJsonBodyParser(fastify: FastifyInstance, options: { maxDepth: number; bodyLimit: number }): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: options.bodyLimit }, (request, text, done) => {
    const body = text as string;
    if (exceedsJsonDepth(body, options.maxDepth)) {
      done(new AppError(HttpStatus.BAD_REQUEST, 'JSON_TOO_DEEP', `JSON may nest arrays and objects at most ${options.maxDepth} levels deep`), undefined);
      return;
    }
    // Fastify's default JSON parser is callback-style: it returns nothing, and every error reaches the callback.
    void parseJson(request, body, (error, parsed) => {
      if (error) return done(error, undefined);
      const unsafe = body.includes('\\u') ? findUnsafeText(parsed) : [];
      if (unsafe.length > 0) return done(unsafeTextError(unsafe.map((path) => ({ source: 'body', path }))), undefined);
      done(null, parsed);
    });
  });
}

/**
 * NUL characters in the query string or path parameters (400 INVALID_TEXT naming the field). A URL can
 * only carry one as `%00`: invalid UTF-8 escapes stay literal text, so no lone surrogate gets through.
 */
export function refuseUnsafeUrlText(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', (request, _reply, done) => {
    if (!request.url.includes('%00')) return done();
    const fields = [
      ...findUnsafeText(request.query).map((path) => ({ source: 'query' as const, path })),
      ...findUnsafeText(request.params).map((path) => ({ source: 'params' as const, path })),
    ];
    done(fields.length > 0 ? unsafeTextError(fields) : undefined);
  });
}
