import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { GuestPrincipal } from '../../common/auth/guest-credentials.js';

/** The guest principal the access guard put on the request (a donor token), if the caller is one. */
export const CurrentGuest = createParamDecorator((_: unknown, context: ExecutionContext): GuestPrincipal | undefined => {
  if (context.getType() === 'ws') return context.switchToWs().getClient<{ data: { guest?: GuestPrincipal } }>().data.guest;
  return context.switchToHttp().getRequest<{ guest?: GuestPrincipal }>().guest;
});
