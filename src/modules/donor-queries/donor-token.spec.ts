import { generateDonorToken, hashDonorToken, looksLikeDonorToken, sameSecret } from './donor-token.js';

describe('donor token', () => {
  it('generates distinct prefixed tokens that it recognises', () => {
    const a = generateDonorToken();
    const b = generateDonorToken();
    expect(a).not.toEqual(b);
    expect(looksLikeDonorToken(a)).toBe(true);
    expect(looksLikeDonorToken('eyJhbGciOiJIUzI1NiJ9.x.y')).toBe(false);
    expect(looksLikeDonorToken('dq_short')).toBe(false);
  });

  it('hashes deterministically without revealing the token', () => {
    const token = generateDonorToken();
    expect(hashDonorToken(token)).toEqual(hashDonorToken(token));
    expect(hashDonorToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashDonorToken(token)).not.toContain(token.slice(3));
  });

  it('compares secrets exactly and refuses missing ones', () => {
    expect(sameSecret('integration-key-123456', 'integration-key-123456')).toBe(true);
    expect(sameSecret('integration-key-123457', 'integration-key-123456')).toBe(false);
    expect(sameSecret(undefined, 'integration-key-123456')).toBe(false);
    expect(sameSecret('x', undefined)).toBe(false);
  });
});
