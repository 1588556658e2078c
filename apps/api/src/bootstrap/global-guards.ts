import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { isObservable, lastValueFrom } from 'rxjs';

import { JwtAuthGuard, RolesGuard } from '@app/auth';
import { MaybePromise } from '@app/core';
import { RateLimitGuard } from '@app/rate-limit';

type Check = (context: ExecutionContext) => ReturnType<CanActivate['canActivate']>;

/**
 * The app's global guards, in their order: authentication (401), then rate limits (429, counted
 * per user id once the caller is known), then roles (403). One APP_GUARD runs them in turn: Nest
 * awaits each global guard on its own (two promises per guard, even for a synchronous answer), and
 * under the request context every promise costs (see MaybePromise). This one stays synchronous as
 * long as each guard answers synchronously, and stops at the first refusal as Nest does.
 */
@Injectable()
export class GlobalGuards implements CanActivate {
  private readonly checks: Check[];

  constructor(auth: JwtAuthGuard, rateLimit: RateLimitGuard, roles: RolesGuard) {
    this.checks = [
      (context) => auth.canActivate(context),
      (context) => rateLimit.admit(context),
      (context) => roles.canActivate(context),
    ];
  }

  canActivate(context: ExecutionContext): MaybePromise<boolean> {
    return this.runFrom(0, context);
  }

  private runFrom(first: number, context: ExecutionContext): MaybePromise<boolean> {
    for (let i = first; i < this.checks.length; i++) {
      const answer = this.checks[i](context);
      if (answer === true) continue;
      if (answer === false) return false;
      const later = isObservable(answer) ? lastValueFrom(answer) : answer;
      return later.then((allowed) => allowed && this.runFrom(i + 1, context));
    }
    return true;
  }
}
