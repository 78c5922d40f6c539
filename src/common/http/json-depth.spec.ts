import { exceedsJsonDepth } from './json-depth.js';

describe('exceedsJsonDepth', () => {
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

  it('counts arrays and objects together', () => {
    expect(exceedsJsonDepth(nested(3), 3)).toBe(false);
    expect(exceedsJsonDepth(nested(4), 3)).toBe(true);
    expect(exceedsJsonDepth('{"a":[{"b":[1]}]}', 4)).toBe(false);
    expect(exceedsJsonDepth('{"a":[{"b":[1]}]}', 3)).toBe(true);
  });

  it('measures depth, not the number of siblings', () => {
    expect(exceedsJsonDepth(`[${Array.from({ length: 1000 }, () => '[1]').join(',')}]`, 2)).toBe(false);
  });

  it('treats brackets inside strings, escaped quotes included, as text', () => {
    expect(exceedsJsonDepth(JSON.stringify({ text: '[[[[{{{{' }), 1)).toBe(false);
    expect(exceedsJsonDepth(JSON.stringify({ text: 'say \\"[[[[" and \\\\', more: '{{{{' }), 1)).toBe(false);
    expect(exceedsJsonDepth(JSON.stringify(['"', [['x']]]), 2)).toBe(true);
  });

  it('scans 400,000 nested arrays in one pass without building them', () => {
    expect(exceedsJsonDepth(nested(400_000), 64)).toBe(true);
  });
});
