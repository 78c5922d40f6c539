import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import { AppError } from './app-error.js';

/**
 * Multipart bodies only reach the upload routes, the handlers that declare
 * `@ApiConsumes('multipart/form-data')`; anywhere else they get 415 like any other non-JSON body
 * (the body parser already refuses every type but JSON and multipart). A JSON request costs one header read.
 */
@Injectable()
export class UploadsOnlyMultipartInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const contentType = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>().headers['content-type'];
    if (contentType === undefined || !contentType.toLowerCase().startsWith('multipart/')) return next.handle();
    const consumes = this.reflector.getAllAndOverride<string[] | undefined>(DECORATORS.API_CONSUMES, [context.getHandler(), context.getClass()]);
    if (consumes?.includes('multipart/form-data')) return next.handle();
    throw new AppError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'UNSUPPORTED_MEDIA_TYPE', 'This route takes a JSON body; send application/json');
  }
}
