import { DiscoveryModule, DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { MESSAGE_METADATA } from '@nestjs/websockets/constants.js';
import { ACCESS_KEY } from '../../src/common/auth/access.decorators.js';
import { createTestApp, TestApp } from '../support/test-app.js';

/**
 * Secure by default, checked: every HTTP handler and every Socket.IO message handler states who may
 * call it (`@Public()`, `@Authenticated()` or `@Roles(...)`, on the handler or its class).
 */
describe('Access declarations', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({}, [DiscoveryModule]);
  });
  afterAll(() => t.close());

  it('every controller and gateway handler declares an access rule', () => {
    const discovery = t.app.get(DiscoveryService);
    const scanner = t.app.get(MetadataScanner);
    const reflector = t.app.get(Reflector);
    const undeclared: string[] = [];
    let checked = 0;

    const check = (instance: object, isHandler: (method: (...args: unknown[]) => unknown) => boolean) => {
      const prototype = Object.getPrototypeOf(instance) as Record<string, (...args: unknown[]) => unknown>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const method = prototype[name];
        if (!isHandler(method)) continue;
        checked += 1;
        if (!reflector.getAllAndOverride(ACCESS_KEY, [method, instance.constructor])) undeclared.push(`${instance.constructor.name}.${name}`);
      }
    };

    for (const wrapper of discovery.getControllers()) {
      if (wrapper.instance) check(wrapper.instance as object, (method) => Reflect.hasMetadata('path', method));
    }
    for (const wrapper of discovery.getProviders()) {
      const instance = wrapper.instance as object | undefined;
      if (instance && typeof instance === 'object') check(instance, (method) => Reflect.hasMetadata(MESSAGE_METADATA, method));
    }

    expect(checked).toBeGreaterThan(0);
    expect(undeclared).toEqual([]);
  });
});
