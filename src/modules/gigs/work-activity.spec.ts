import { activityTransition, paymentAmount, summarizeActivity } from './work-activity.js';

const at = (hhmm: string) => new Date(`2030-01-05T${hhmm}:00Z`);

describe('summarizeActivity', () => {
  it('counts worked and break minutes of closed periods', () => {
    expect(
      summarizeActivity([
        { type: 'LOGIN', occurredAt: at('09:00') },
        { type: 'BREAK_START', occurredAt: at('10:30') },
        { type: 'BREAK_END', occurredAt: at('10:45') },
        { type: 'LOGOUT', occurredAt: at('12:00') },
        { type: 'LOGIN', occurredAt: at('14:00') },
        { type: 'LOGOUT', occurredAt: at('14:30') },
      ]),
    ).toEqual({ state: 'OFFLINE', workedMinutes: 195, breakMinutes: 15 });
  });

  it('does not count a session that is still open', () => {
    expect(summarizeActivity([{ type: 'LOGIN', occurredAt: at('09:00') }])).toEqual({ state: 'WORKING', workedMinutes: 0, breakMinutes: 0 });
    expect(
      summarizeActivity([
        { type: 'LOGIN', occurredAt: at('09:00') },
        { type: 'BREAK_START', occurredAt: at('09:30') },
      ]),
    ).toEqual({ state: 'ON_BREAK', workedMinutes: 30, breakMinutes: 0 });
  });

  it('ignores entries the machine forbids', () => {
    expect(summarizeActivity([{ type: 'LOGOUT', occurredAt: at('08:00') }, { type: 'BREAK_END', occurredAt: at('08:10') }]).workedMinutes).toBe(0);
  });
});

describe('activityTransition', () => {
  it('allows LOGOUT only while working and BREAK_END only on a break', () => {
    expect(activityTransition('LOGOUT').from).toEqual(['WORKING']);
    expect(activityTransition('BREAK_END').from).toEqual(['ON_BREAK']);
  });
});

describe('paymentAmount', () => {
  it('pays minutes at the hourly rate in minor units', () => {
    expect(paymentAmount(90, 25000)).toBe(37500);
    expect(paymentAmount(1, 100)).toBe(2);
    expect(paymentAmount(0, 25000)).toBe(0);
  });
});
