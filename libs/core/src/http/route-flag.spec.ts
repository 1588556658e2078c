import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import { RouteFlag } from './route-flag';

describe('RouteFlag', () => {
  class Plain {}
  class Marked {}
  Reflect.defineMetadata('test:flag', true, Marked);
  const contextFor = (handler: () => void, controller: object): ExecutionContext =>
    ({ getHandler: () => handler, getClass: () => controller }) as unknown as ExecutionContext;

  it('reads the marker on the handler or its controller once per handler', () => {
    const reflector = new Reflector();
    const spy = jest.spyOn(reflector, 'getAllAndOverride');
    const flag = new RouteFlag(reflector, 'test:flag');
    const markedHandler = () => undefined;
    Reflect.defineMetadata('test:flag', true, markedHandler);
    const plainHandler = () => undefined;
    const inMarkedController = () => undefined;
    expect(flag.isSet(contextFor(markedHandler, Plain))).toBe(true);
    expect(flag.isSet(contextFor(markedHandler, Plain))).toBe(true);
    expect(flag.isSet(contextFor(plainHandler, Plain))).toBe(false);
    expect(flag.isSet(contextFor(inMarkedController, Marked))).toBe(true);
    expect(spy).toHaveBeenCalledTimes(3);
  });
});
