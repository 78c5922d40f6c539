import { CEFR_LEVELS, cefrAtLeast } from './cefr.js';

describe('CEFR levels', () => {
  it('are the Prisma enum in ascending order', () => {
    expect(CEFR_LEVELS).toEqual(['A1', 'A2', 'B1', 'B2', 'C1', 'C2']);
  });

  it('compare in CEFR order', () => {
    expect(cefrAtLeast('B2', 'B1')).toBe(true);
    expect(cefrAtLeast('B1', 'B1')).toBe(true);
    expect(cefrAtLeast('A2', 'B1')).toBe(false);
    expect(cefrAtLeast('C2', 'A1')).toBe(true);
    expect(cefrAtLeast(null, 'A1')).toBe(false);
    expect(cefrAtLeast(null, null)).toBe(true);
  });
});
