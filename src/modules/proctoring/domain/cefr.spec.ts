import { CEFR_BANDS, cefrFromScore } from './cefr.js';

describe('CEFR mapping', () => {
  it.each([
    [100, 'C2'],
    [90, 'C2'],
    [89.99, 'C1'],
    [80, 'C1'],
    [79.9, 'B2'],
    [65, 'B2'],
    [64.9, 'B1'],
    [50, 'B1'],
    [49.9, 'A2'],
    [35, 'A2'],
    [34.9, 'A1'],
    [0, 'A1'],
  ])('maps %d to %s', (score, level) => {
    expect(cefrFromScore(score)).toBe(level);
  });

  it('refuses a non-finite score', () => {
    expect(() => cefrFromScore(Number.NaN)).toThrow(RangeError);
  });

  it('publishes bands that cover 0..100 without gaps and agree with the mapping', () => {
    expect(CEFR_BANDS.map((b) => [b.level, b.minScore, b.belowScore])).toEqual([
      ['A1', 0, 35],
      ['A2', 35, 50],
      ['B1', 50, 65],
      ['B2', 65, 80],
      ['C1', 80, 90],
      ['C2', 90, null],
    ]);
    for (const band of CEFR_BANDS) {
      expect(cefrFromScore(band.minScore)).toBe(band.level);
      expect(cefrFromScore((band.belowScore ?? 100.01) - 0.01)).toBe(band.level);
    }
    expect(CEFR_BANDS[5].range).toBe('90 ≤ score ≤ 100');
  });
});
