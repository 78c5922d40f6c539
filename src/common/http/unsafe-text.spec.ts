import { findUnsafeText, isUnsafeText, unsafeTextError } from './unsafe-text.js';

describe('unsafe text', () => {
  it('flags NUL and unpaired surrogates, not well-formed text', () => {
    expect(isUnsafeText('a\u0000b')).toBe(true);
    expect(isUnsafeText('\ud800')).toBe(true);
    expect(isUnsafeText('x\udc00')).toBe(true);
    expect(isUnsafeText('\udc00\ud800')).toBe(true);
    expect(isUnsafeText('Zürich 😀 \u0001 \t')).toBe(false);
  });

  it('names every offending field with a dotted path, keys included', () => {
    const input = { name: 'ok', address: { city: 'P\u0000' }, tags: ['fine', '\ud83d'], ['k\u0000']: 1 };
    expect(findUnsafeText(input)).toEqual(['address.city', 'tags.1', 'k\u0000']);
    expect(findUnsafeText('top\u0000')).toEqual(['']);
    expect(findUnsafeText({ n: 1, b: true, z: null })).toEqual([]);
  });

  it('becomes a 400 INVALID_TEXT with one detail per field', () => {
    const error = unsafeTextError([{ source: 'query', path: 'search' }]);
    expect(error.getStatus()).toBe(400);
    expect(error.code).toBe('INVALID_TEXT');
    expect(error.details).toEqual([{ field: 'search', in: 'query', message: expect.stringContaining('search') }]);
  });
});
