import { createParamDecorator, ExecutionContext } from '@nestjs/common';

import type { AuthUser } from '../auth-user';

/** The signed-in caller the guard verified: `@CurrentUser() user: AuthUser`. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthUser =>
    context.switchToHttp().getRequest<{ user: AuthUser }>().user,
);
