import { redactPayload } from './job-summary.js';

describe('redactPayload', () => {
  it('hides secret-looking fields at any depth and keeps the rest', () => {
    const summary = redactPayload({ to: 'a@b.cx', otp: '123456', nested: { accessToken: 'abc', deviceToken: 'x', apiKey: 'k', name: 'Nia' }, password: 'p' });
    expect(summary).toEqual({
      to: 'a@b.cx',
      otp: '[redacted]',
      nested: { accessToken: '[redacted]', deviceToken: '[redacted]', apiKey: '[redacted]', name: 'Nia' },
      password: '[redacted]',
    });
  });

  it('cuts long strings and summarises deep nesting', () => {
    const summary = redactPayload({ text: 'x'.repeat(500), a: { b: { c: { d: { e: 1 } } } }, list: [1, 2] });
    expect((summary.text as string).length).toBe(201);
    expect(summary.a).toEqual({ b: { c: { d: '{…}' } } });
    expect(summary.list).toEqual([1, 2]);
  });

  it('wraps a payload that is not an object', () => {
    expect(redactPayload('plain')).toEqual({ value: 'plain' });
  });
});
