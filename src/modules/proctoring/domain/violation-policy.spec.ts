import { classifyEvent, shouldAutoSubmit } from './violation-policy.js';

describe('violation policy', () => {
  it('counts a face event only when it persists', () => {
    expect(classifyEvent('FACE_MISSING', 1_000, 5_000)).toBe('WARNING');
    expect(classifyEvent('FACE_MISSING', undefined, 5_000)).toBe('WARNING');
    expect(classifyEvent('FACE_MISSING', 5_000, 5_000)).toBe('VIOLATION');
    expect(classifyEvent('MULTIPLE_FACES', 200, 5_000)).toBe('WARNING');
    expect(classifyEvent('MULTIPLE_FACES', 6_000, 5_000)).toBe('CRITICAL');
  });

  it('keeps warnings apart from violations', () => {
    expect(classifyEvent('TAB_SWITCH', undefined, 5_000)).toBe('VIOLATION');
    expect(classifyEvent('RIGHT_CLICK', undefined, 5_000)).toBe('WARNING');
    expect(classifyEvent('NETWORK_DISCONNECT', 60_000, 5_000)).toBe('WARNING');
  });

  it('auto-submits on a critical event or past the limit', () => {
    expect(shouldAutoSubmit('CRITICAL', 0, 3)).toBe(true);
    expect(shouldAutoSubmit('VIOLATION', 3, 3)).toBe(false);
    expect(shouldAutoSubmit('VIOLATION', 4, 3)).toBe(true);
  });
});
