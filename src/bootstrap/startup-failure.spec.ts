import { ConfigError } from '../config/environment.js';
import { describeStartupFailure, listenFailure } from './startup-failure.js';

describe('describeStartupFailure', () => {
  const hostile = new Proxy(
    {},
    {
      get() {
        throw new Error('no reading me');
      },
      getPrototypeOf() {
        throw new Error('no prototype either');
      },
    },
  );
  const unprintable = Object.assign(Object.create(null) as object, { toJSON: () => undefined });

  it.each([
    ['undefined (a bare reject())', undefined, /^Start-up failed: the start-up step rejected without a reason \(undefined\)$/],
    ['null', null, /^Start-up failed: .*\(null\)$/],
    ['a string', 'port busy', /^Start-up failed: port busy$/],
    ['an Error', new Error('disk full'), /^Start-up failed: disk full$/],
    ['an Error without a message', Object.assign(new Error(''), { code: 'EIO' }), /^Start-up failed: Error EIO \(no message\)$/],
    ['a plain object', { reason: 'nope' }, /^Start-up failed: \{"reason":"nope"\}$/],
    ['an object that cannot be turned into text', unprintable, /^Start-up failed: /],
    ['a proxy that throws on every access', hostile, /^Start-up failed: /],
    ['a multi-line message', new Error('first\n  second\r\nthird'), /^Start-up failed: first second third$/],
  ])('never throws and prints one line for %s', (_label, failure, expected) => {
    const line = describeStartupFailure(failure);
    expect(line).toMatch(expected);
    expect(line).not.toContain('\n');
  });

  it('prints a configuration error as it is, naming the variable', () => {
    expect(describeStartupFailure(new ConfigError('Invalid configuration: PORT="x": must be an integer'))).toBe(
      'Invalid configuration: PORT="x": must be an integer',
    );
  });

  it('shortens a huge message to one readable line', () => {
    expect(describeStartupFailure(new Error('x'.repeat(10_000))).length).toBeLessThanOrEqual(600);
  });
});

describe('listenFailure', () => {
  it('names PORT when the port is taken or not allowed, and HOST when the address is not ours', () => {
    expect(listenFailure(Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' }), 3000, '0.0.0.0').message).toMatch(/Port 3000 .* set PORT/);
    expect(listenFailure(Object.assign(new Error('listen EACCES'), { code: 'EACCES' }), 80, '0.0.0.0').message).toMatch(/set PORT/);
    expect(listenFailure(Object.assign(new Error('listen EADDRNOTAVAIL'), { code: 'EADDRNOTAVAIL' }), 3000, '10.9.9.9').message).toMatch(/set HOST/);
  });
});
