import { AppError } from '../../common/http/app-error.js';
import { checkPeriod, checkYears } from './profile-rules.js';

const now = new Date('2026-06-01T00:00:00Z');

describe('profile rules', () => {
  it('accepts an ordered period and an open one', () => {
    expect(checkPeriod('2020-01-01', '2021-01-01', now)).toEqual({ startDate: new Date('2020-01-01'), endDate: new Date('2021-01-01') });
    expect(checkPeriod('2020-01-01', undefined, now).endDate).toBeUndefined();
  });

  it('refuses a period ending before it starts or starting in the future, naming the field', () => {
    expect(() => checkPeriod('2021-01-01', '2020-01-01', now)).toThrow(AppError);
    try {
      checkPeriod('2027-01-01', undefined, now);
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as AppError).details).toEqual([expect.objectContaining({ field: 'startDate' })]);
    }
  });

  it('refuses an end year before the start year', () => {
    expect(() => checkYears(2015, 2010)).toThrow(AppError);
    expect(() => checkYears(2010, 2015)).not.toThrow();
    expect(() => checkYears(undefined, 2015)).not.toThrow();
  });
});
