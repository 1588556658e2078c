import { applyDecorators, HttpStatus, SetMetadata } from '@nestjs/common';

import { ApiErrors } from '@app/core';

import type { Role } from '../roles';

export const ROLES_KEY = 'quorum:roles';

/**
 * Only callers with one of these roles may call the route (403 otherwise). Without @Roles a
 * protected route is open to every signed-in user.
 */
export const Roles = (...roles: [Role, ...Role[]]) =>
  applyDecorators(SetMetadata(ROLES_KEY, roles), ApiErrors(HttpStatus.FORBIDDEN));
