import { passwordProblems } from './password-policy.js';

describe('passwordProblems', () => {
  it('accepts a long, unusual password', () => {
    expect(passwordProblems('Correct-Horse-42!', { email: 'ann@example.com' })).toEqual([]);
  });

  it('refuses short passwords', () => {
    expect(passwordProblems('Ab3$xyz')).toContain('must be at least 10 characters long');
  });

  it('refuses passwords longer than bcrypt reads', () => {
    expect(passwordProblems('é'.repeat(40))).toContain('must be at most 72 bytes long');
  });

  it.each(['password123', 'Password123!', 'P@ssw0rd2024', 'qwertyuiop', 'iloveyou!!!', '1234567890', 'aaaaaaaaaaaa', 'abcdefghijk', '!!Welcome2025'])(
    'refuses the well-known %s',
    (password) => {
      expect(passwordProblems(password)).toContain('is a well-known or easily guessed password');
    },
  );

  it('refuses a password containing the email or its local part', () => {
    expect(passwordProblems('ann.smith@example.com', { email: 'ann.smith@example.com' })).toContain('must not contain your email, phone number or username');
    expect(passwordProblems('xx-ann.smith-2024', { email: 'Ann.Smith@example.com' })).toContain('must not contain your email, phone number or username');
  });

  it('refuses a password containing the phone number or username', () => {
    expect(passwordProblems('my+919876543210!', { phone: '+919876543210' })).toContain('must not contain your email, phone number or username');
    expect(passwordProblems('ILoveGitaSoMuch', { username: 'gita' })).toContain('must not contain your email, phone number or username');
  });
});
