import { cefrAtLeast } from './cefr.js';
import { experienceMonths } from './experience.js';

describe('cefrAtLeast', () => {
  it('compares levels in CEFR order', () => {
    expect(cefrAtLeast('B2', 'B1')).toBe(true);
    expect(cefrAtLeast('B1', 'B1')).toBe(true);
    expect(cefrAtLeast('A2', 'B1')).toBe(false);
    expect(cefrAtLeast(null, 'A1')).toBe(false);
    expect(cefrAtLeast(null, null)).toBe(true);
  });
});

describe('experienceMonths', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  it('counts overlapping periods once and open periods until now', () => {
    expect(
      experienceMonths(
        [
          { startDate: new Date('2024-01-01'), endDate: new Date('2025-01-01') },
          { startDate: new Date('2024-06-01'), endDate: new Date('2024-12-01') },
          { startDate: new Date('2025-07-01'), endDate: null },
        ],
        now,
      ),
    ).toBe(18);
  });
  it('ignores periods in the future or ending before they start', () => {
    expect(experienceMonths([{ startDate: new Date('2027-01-01'), endDate: null }], now)).toBe(0);
    expect(experienceMonths([], now)).toBe(0);
  });
});
