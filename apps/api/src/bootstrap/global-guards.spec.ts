import { ExecutionContext } from '@nestjs/common';
import { Observable, of } from 'rxjs';

import { JwtAuthGuard, RolesGuard } from '@app/auth';
import { RateLimitGuard } from '@app/rate-limit';

import { GlobalGuards } from './global-guards';

type Answer = boolean | Promise<boolean> | Observable<boolean> | Error;

/** Three fake guards that record their calls and answer what the test says. */
function guards(auth: Answer, rateLimit: Answer, roles: Answer) {
  const calls: string[] = [];
  const answer = (name: string, value: Answer) => () => {
    calls.push(name);
    if (value instanceof Error) throw value;
    return value;
  };
  const global = new GlobalGuards(
    { canActivate: answer('auth', auth) } as unknown as JwtAuthGuard,
    { admit: answer('rateLimit', rateLimit) } as unknown as RateLimitGuard,
    { canActivate: answer('roles', roles) } as unknown as RolesGuard,
  );
  return { global, calls, context: {} as ExecutionContext };
}

describe('GlobalGuards', () => {
  it('runs authentication, rate limit and roles in order, synchronously when each is', () => {
    const { global, calls, context } = guards(true, true, true);
    expect(global.canActivate(context)).toBe(true);
    expect(calls).toEqual(['auth', 'rateLimit', 'roles']);
  });

  it('waits for a guard that answers later before running the next', async () => {
    let release!: (allowed: boolean) => void;
    const pending = new Promise<boolean>((resolve) => (release = resolve));
    const { global, calls, context } = guards(true, pending, true);
    const answer = global.canActivate(context);
    expect(answer).toBeInstanceOf(Promise);
    expect(calls).toEqual(['auth', 'rateLimit']);
    release(true);
    await expect(answer).resolves.toBe(true);
    expect(calls).toEqual(['auth', 'rateLimit', 'roles']);
  });

  it('accepts an observable answer', async () => {
    const { global, calls, context } = guards(of(true), true, true);
    await expect(global.canActivate(context)).resolves.toBe(true);
    expect(calls).toEqual(['auth', 'rateLimit', 'roles']);
  });

  it.each([
    ['a synchronous refusal', false],
    ['a later refusal', Promise.resolve(false)],
  ])('stops at %s', async (_case, refusal) => {
    const { global, calls, context } = guards(true, refusal, true);
    await expect(Promise.resolve(global.canActivate(context))).resolves.toBe(false);
    expect(calls).toEqual(['auth', 'rateLimit']);
  });

  it('lets the first error through (a 401 before any counting), thrown or rejected', async () => {
    const unauthorized = new Error('401');
    const sync = guards(unauthorized, true, true);
    expect(() => sync.global.canActivate(sync.context)).toThrow(unauthorized);
    expect(sync.calls).toEqual(['auth']);
    const tooMany = new Error('429');
    const later = guards(true, Promise.reject(tooMany), true);
    await expect(later.global.canActivate(later.context)).rejects.toBe(tooMany);
    expect(later.calls).toEqual(['auth', 'rateLimit']);
  });
});
