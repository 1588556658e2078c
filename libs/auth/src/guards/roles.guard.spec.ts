import { Controller, ExecutionContext, Get } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import { AppException } from '@app/core';

import { AuthUser } from '../auth-user';
import { Roles } from '../decorators/roles.decorator';
import { RolesGuard } from './roles.guard';

@Controller()
class Sample {
  @Get()
  @Roles('admin')
  adminOnly(): void {}

  @Get()
  @Roles('admin', 'reviewer')
  reviewers(): void {}

  @Get()
  anyone(): void {}
}

function contextFor(handler: keyof Sample, user?: AuthUser): ExecutionContext {
  return {
    getType: () => 'http',
    getHandler: () => Sample.prototype[handler],
    getClass: () => Sample,
    switchToHttp: () => ({ getRequest: () => ({ user }) }),
  } as unknown as ExecutionContext;
}

const as = (role: AuthUser['role']): AuthUser => ({ id: '1', role, tokenId: 't' });

describe('RolesGuard', () => {
  const guard = new RolesGuard(new Reflector());

  it('lets every signed-in user through a route without @Roles', () => {
    expect(guard.canActivate(contextFor('anyone', as('author')))).toBe(true);
  });

  it('lets a listed role through', () => {
    expect(guard.canActivate(contextFor('adminOnly', as('admin')))).toBe(true);
    expect(guard.canActivate(contextFor('reviewers', as('reviewer')))).toBe(true);
  });

  it('answers 403 naming the roles needed to anyone else', () => {
    let error: unknown;
    try {
      guard.canActivate(contextFor('reviewers', as('author')));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppException);
    expect((error as AppException).getStatus()).toBe(403);
    expect((error as AppException).message).toBe('This needs the role admin or reviewer');
  });

  it('answers 401 when no user was authenticated', () => {
    expect(() => guard.canActivate(contextFor('adminOnly'))).toThrow(/Authentication is required/);
  });
});
