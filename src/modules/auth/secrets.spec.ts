import { generateOtpCode, generateToken, keyedHash, sameHash, tokenHash } from './secrets.js';

describe('secrets', () => {
  it('makes six-digit codes, keeping leading zeros', () => {
    const codes = Array.from({ length: 2000 }, generateOtpCode);
    expect(codes.every((code) => /^\d{6}$/.test(code))).toBe(true);
    expect(codes.some((code) => code.startsWith('0'))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(1900);
  });

  it('makes long random tokens', () => {
    const token = generateToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(generateToken()).not.toBe(token);
  });

  it('hashes codes with the key and compares hashes in constant time', () => {
    expect(keyedHash('123456', 'key-a')).not.toBe(keyedHash('123456', 'key-b'));
    expect(sameHash(keyedHash('123456', 'k'), keyedHash('123456', 'k'))).toBe(true);
    expect(sameHash(keyedHash('123456', 'k'), keyedHash('123457', 'k'))).toBe(false);
    expect(sameHash(tokenHash('a'), 'abcd')).toBe(false);
  });
});
