import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '../http/app-error.js';
import { ACCESS_KEY, AccessRule } from './access.decorators.js';
import type { AuthUser } from './auth-user.js';
import { GuestCredentials, GuestPrincipal } from './guest-credentials.js';
import { bearerToken, SessionAuthenticator } from './session-authenticator.js';

const unauthorized = () => new AppError(HttpStatus.UNAUTHORIZED, 'UNAUTHORIZED', 'A valid access token is required');
const forbidden = (message = 'Your role may not do this') => new AppError(HttpStatus.FORBIDDEN, 'FORBIDDEN', message);

/**
 * The global guard, secure by default, for HTTP handlers and Socket.IO message handlers alike.
 * A handler without `@Public()` needs an active user (or, with `@GuestOrRoles`, a guest token);
 * `@Roles(...)` limits the roles (403 otherwise). A handler that declares no rule is refused, so a
 * forgotten decorator fails closed.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: SessionAuthenticator,
    private readonly guests: GuestCredentials,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (rule?.kind === 'public') return true;
    if (context.getType() === 'ws') return this.checkSocket(context, rule);
    if (context.getType() !== 'http') return true;

    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined>; user?: AuthUser; guest?: GuestPrincipal }>();
    const token = bearerToken(request.headers.authorization);
    const user = await this.authenticator.authenticate(token);
    if (user) request.user = user;

    if (rule?.kind === 'guest-or-roles') {
      if (user) {
        if (rule.roles.includes(user.role)) return true;
        throw forbidden();
      }
      const guest = await this.guests.verify(rule.guest, token);
      if (!guest) throw unauthorized();
      request.guest = guest;
      return true;
    }
    if (!user) throw unauthorized();
    return this.allows(rule, user);
  }

  private checkSocket(context: ExecutionContext, rule: AccessRule | undefined): boolean {
    const data = context.switchToWs().getClient<{ data: { user?: AuthUser; guest?: GuestPrincipal } }>().data;
    if (rule?.kind === 'guest-or-roles') {
      if (data.user) return this.allows({ kind: 'roles', roles: rule.roles }, data.user);
      if (data.guest?.kind === rule.guest) return true;
      throw unauthorized();
    }
    if (!data.user) throw unauthorized();
    return this.allows(rule, data.user);
  }

  private allows(rule: AccessRule | undefined, user: AuthUser): boolean {
    if (!rule) throw forbidden('This handler declares no access rule');
    if (rule.kind === 'roles' && !rule.roles.includes(user.role)) throw forbidden();
    return true;
  }
}
