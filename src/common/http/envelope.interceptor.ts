import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { map, Observable } from 'rxjs';

const RAW_RESPONSE = 'rawResponse';
/** Marks a handler whose response is sent as is (files, redirects), outside the envelope. */
export const RawResponse = () => SetMetadata(RAW_RESPONSE, true);

export interface Envelope<T> {
  success: true;
  message?: string;
  data: T;
}

/** Wraps every handler result as `{ success: true, data }`. */
@Injectable()
export class EnvelopeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    if (this.reflector.getAllAndOverride<boolean>(RAW_RESPONSE, [context.getHandler(), context.getClass()])) return next.handle();
    return next.handle().pipe(map((data): Envelope<unknown> => ({ success: true, data: data ?? null })));
  }
}
