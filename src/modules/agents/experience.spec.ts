import { experienceMonths } from './experience.js';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const job = (start: string, end: string | null) => ({ startDate: day(start), endDate: end ? day(end) : null });
const NOW = new Date('2026-12-02T10:30:00Z');

describe('experienceMonths (calendar months, end date included)', () => {
  it.each([
    ['2021-01-01', '2024-01-01', 36],
    ['2024-01-01', '2024-07-01', 6],
    ['2024-01-01', '2024-06-30', 6], // January to June, the last day worked
    ['2024-01-01', '2024-06-29', 5],
    ['2024-03-15', '2024-04-14', 1],
    ['2024-03-15', '2024-04-13', 0],
    ['2023-01-31', '2023-02-27', 1], // a month from the 31st ends with February (clamped to its last day)
    ['2023-01-31', '2023-02-26', 0],
    ['2024-01-31', '2024-02-28', 1], // leap year
    ['2023-11-30', '2024-02-28', 3],
    ['2024-02-29', '2025-02-27', 12],
    ['2024-02-29', '2025-02-26', 11],
    ['2024-05-10', '2024-05-10', 0],
  ])('%s → %s is %d', (start, end, months) => {
    expect(experienceMonths([job(start, end)], NOW)).toBe(months);
  });

  it('counts an ongoing job up to and including today', () => {
    expect(experienceMonths([job('2026-06-02', null)], NOW)).toBe(6);
    expect(experienceMonths([job('2026-06-03', null)], NOW)).toBe(6);
    expect(experienceMonths([job('2026-06-04', null)], NOW)).toBe(5);
    expect(experienceMonths([job('2026-11-02', null)], new Date('2026-12-01T23:59:59Z'))).toBe(1);
  });

  it('stops a job that ends in the future at today', () => {
    expect(experienceMonths([job('2026-06-02', '2030-01-01')], NOW)).toBe(6);
  });

  it('counts overlapping jobs once and joins back-to-back jobs', () => {
    expect(experienceMonths([job('2020-01-01', '2020-12-31'), job('2020-06-01', '2021-05-31')], NOW)).toBe(17);
    expect(experienceMonths([job('2020-01-01', '2020-03-31'), job('2020-04-01', '2020-06-30')], NOW)).toBe(6);
    expect(experienceMonths([job('2020-04-01', '2020-06-30'), job('2020-01-01', '2020-03-31')], NOW)).toBe(6);
    expect(experienceMonths([job('2020-01-01', '2022-12-31'), job('2021-01-01', null)], NOW)).toBe(83);
  });

  it('adds separate jobs month by month', () => {
    expect(experienceMonths([job('2020-01-01', '2020-01-31'), job('2020-03-01', '2020-04-30')], NOW)).toBe(3);
  });

  it('is 0 without jobs, or for one that starts in the future', () => {
    expect(experienceMonths([], NOW)).toBe(0);
    expect(experienceMonths([job('2027-01-01', null)], NOW)).toBe(0);
  });
});

describe('experienceMonths at a fixed date', () => {
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
