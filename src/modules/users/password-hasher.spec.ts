import { jest } from '@jest/globals';
import bcrypt from 'bcrypt';
import type { AppConfig } from '../../config/app-config.js';
import { PasswordHasher } from './password-hasher.js';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher({ bcryptRounds: 4 } as AppConfig);

  afterEach(() => jest.restoreAllMocks());

  it('hashes at the configured cost and verifies', async () => {
    const hash = await hasher.hash('Correct-Horse-42!');
    expect(hash).toMatch(/^\$2b\$04\$/);
    expect(await hasher.matches('Correct-Horse-42!', hash)).toBe(true);
    expect(await hasher.matches('wrong', hash)).toBe(false);
  });

  it('still runs one bcrypt comparison when there is no user, and never matches', async () => {
    const compare = jest.spyOn(bcrypt, 'compare');
    expect(await hasher.matches('not-a-real-password-only-burns-time', undefined)).toBe(false);
    expect(compare).toHaveBeenCalledTimes(1);
    expect(String(compare.mock.calls[0][1])).toMatch(/^\$2b\$04\$/);
  });
});
