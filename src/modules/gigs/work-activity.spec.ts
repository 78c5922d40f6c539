import { activityTransition, checkLogin, paymentAmount, summarizeActivity, withinWindowOrGrace } from './work-activity.js';

const at = (hhmm: string) => new Date(`2030-01-05T${hhmm}:00Z`);
const slot = (from: string, to: string) => ({ startsAt: at(from), endsAt: at(to) });
const ALL_DAY = [slot('00:00', '23:59')];
const MINUTES = 60_000;

describe('summarizeActivity', () => {
  it('counts worked and break minutes of closed periods', () => {
    expect(
      summarizeActivity(
        [
          { type: 'LOGIN', occurredAt: at('09:00') },
          { type: 'BREAK_START', occurredAt: at('10:30') },
          { type: 'BREAK_END', occurredAt: at('10:45') },
          { type: 'LOGOUT', occurredAt: at('12:00') },
          { type: 'LOGIN', occurredAt: at('14:00') },
          { type: 'LOGOUT', occurredAt: at('14:30') },
        ],
        ALL_DAY,
      ),
    ).toEqual({ state: 'OFFLINE', workedMinutes: 195, breakMinutes: 15 });
  });

  it('does not count a session that is still open', () => {
    expect(summarizeActivity([{ type: 'LOGIN', occurredAt: at('09:00') }], ALL_DAY)).toEqual({ state: 'WORKING', workedMinutes: 0, breakMinutes: 0 });
    expect(
      summarizeActivity(
        [
          { type: 'LOGIN', occurredAt: at('09:00') },
          { type: 'BREAK_START', occurredAt: at('09:30') },
        ],
        ALL_DAY,
      ),
    ).toEqual({ state: 'ON_BREAK', workedMinutes: 30, breakMinutes: 0 });
  });

  it('ignores entries the machine forbids', () => {
    expect(
      summarizeActivity(
        [
          { type: 'LOGOUT', occurredAt: at('08:00') },
          { type: 'BREAK_END', occurredAt: at('08:10') },
        ],
        ALL_DAY,
      ).workedMinutes,
    ).toBe(0);
  });

  it('counts only the time inside the picked slots', () => {
    const day = [
      { type: 'LOGIN' as const, occurredAt: at('08:30') },
      { type: 'BREAK_START' as const, occurredAt: at('10:00') },
      { type: 'BREAK_END' as const, occurredAt: at('10:20') },
      { type: 'LOGOUT' as const, occurredAt: at('14:00') },
    ];
    // Slots 09:00–10:10 and 12:00–13:00: worked 09:00–10:00 and 12:00–13:00, break 10:00–10:10.
    expect(summarizeActivity(day, [slot('09:00', '10:10'), slot('12:00', '13:00')])).toEqual({ state: 'OFFLINE', workedMinutes: 120, breakMinutes: 10 });
    expect(summarizeActivity(day, [])).toEqual({ state: 'OFFLINE', workedMinutes: 0, breakMinutes: 0 });
    expect(summarizeActivity(day, [slot('15:00', '16:00')]).workedMinutes).toBe(0);
  });

  it('counts time covered by two overlapping slots once', () => {
    const session = [
      { type: 'LOGIN' as const, occurredAt: at('09:00') },
      { type: 'LOGOUT' as const, occurredAt: at('12:00') },
    ];
    expect(summarizeActivity(session, [slot('08:00', '10:00'), slot('09:30', '11:00'), slot('09:45', '10:15')]).workedMinutes).toBe(120);
    expect(summarizeActivity(session, [slot('10:00', '11:00'), slot('10:00', '11:00')]).workedMinutes).toBe(60);
  });
});

describe('checkLogin', () => {
  const slots = [slot('09:00', '13:00'), slot('15:00', '17:00')];
  const grace = 10 * MINUTES;

  it('accepts from the grace before a slot until its end', () => {
    expect(checkLogin(slots, at('08:50'), grace)).toEqual({ allowed: true });
    expect(checkLogin(slots, at('12:59'), grace)).toEqual({ allowed: true });
    expect(checkLogin(slots, at('14:55'), grace)).toEqual({ allowed: true });
  });

  it('refuses outside, naming the next slot, or else the last one', () => {
    expect(checkLogin(slots, at('08:49'), grace)).toEqual({ allowed: false, window: slots[0], upcoming: true });
    expect(checkLogin(slots, at('13:00'), grace)).toEqual({ allowed: false, window: slots[1], upcoming: true });
    expect(checkLogin(slots, at('17:00'), grace)).toEqual({ allowed: false, window: slots[1], upcoming: false });
    expect(checkLogin([], at('09:00'), grace)).toEqual({ allowed: false, window: null, upcoming: false });
  });

  it('has no grace when it is 0', () => {
    expect(checkLogin(slots, at('08:59'), 0).allowed).toBe(false);
    expect(checkLogin(slots, at('09:00'), 0).allowed).toBe(true);
  });
});

describe('withinWindowOrGrace', () => {
  it('leaves work alone until the grace after the slot is over', () => {
    const slots = [slot('09:00', '13:00')];
    expect(withinWindowOrGrace(slots, at('13:09'), 10 * MINUTES)).toBe(true);
    expect(withinWindowOrGrace(slots, at('13:10'), 10 * MINUTES)).toBe(false);
    expect(withinWindowOrGrace(slots, at('08:45'), 10 * MINUTES)).toBe(false);
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
