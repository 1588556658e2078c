import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import { AuthErrors } from '../auth.exception';
import { AuthUser } from '../auth-user';
import { ROLES_KEY } from '../decorators/roles.decorator';
import type { Role } from '../roles';

/**
 * Runs after JwtAuthGuard (the app's GlobalGuards): a route with @Roles(...) answers 403 to a
 * signed-in caller without one of those roles. Routes without @Roles are open to every signed-in
 * user.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles || roles.length === 0) return true;
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (!user) throw AuthErrors.missingToken();
    if (!roles.includes(user.role)) throw AuthErrors.forbiddenRole(roles);
    return true;
  }
}
