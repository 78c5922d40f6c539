import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthUser } from './auth-user.js';

/** The authenticated caller (set by the auth guard on the request, or on the socket's data). */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): AuthUser | undefined => {
  if (context.getType() === 'ws') return context.switchToWs().getClient<{ data: { user?: AuthUser } }>().data.user;
  return context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
});
