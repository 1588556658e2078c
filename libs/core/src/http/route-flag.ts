import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';

/**
 * A boolean route marker (e.g. @Public(), @SkipRateLimit()) set on the handler or its controller,
 * read through the Reflector once per route and remembered: guards ask on every request.
 */
export class RouteFlag {
  private readonly byHandler = new WeakMap<object, boolean>();

  constructor(
    private readonly reflector: Reflector,
    private readonly key: string,
  ) {}

  isSet(context: ExecutionContext): boolean {
    const handler = context.getHandler();
    let value = this.byHandler.get(handler);
    if (value === undefined) {
      value =
        this.reflector.getAllAndOverride<boolean | undefined>(this.key, [
          handler,
          context.getClass(),
        ]) === true;
      this.byHandler.set(handler, value);
    }
    return value;
  }
}
