import { decideIdentity, faceDistance, isValidDescriptor } from './face-descriptor.js';

const descriptor = (value: number) => Array.from({ length: 128 }, () => value);

describe('face descriptors', () => {
  it('accepts 128 finite numbers within [-1, 1]', () => {
    expect(isValidDescriptor(descriptor(0.05))).toBe(true);
    expect(isValidDescriptor(descriptor(-1))).toBe(true);
  });

  it.each([
    ['too short', descriptor(0).slice(1)],
    ['too long', [...descriptor(0), 0]],
    ['NaN', [...descriptor(0).slice(1), Number.NaN]],
    ['Infinity', [...descriptor(0).slice(1), Number.POSITIVE_INFINITY]],
    ['out of range', [...descriptor(0).slice(1), 1.5]],
    ['a string', [...descriptor(0).slice(1), '0.1']],
    ['not an array', 'abc'],
  ])('refuses %s', (_label, value) => {
    expect(isValidDescriptor(value)).toBe(false);
  });

  it('measures the Euclidean distance', () => {
    expect(faceDistance(descriptor(0), descriptor(0))).toBe(0);
    // 128 components differing by 0.05: sqrt(128 * 0.0025) = sqrt(0.32)
    expect(faceDistance(descriptor(0), descriptor(0.05))).toBeCloseTo(Math.sqrt(0.32), 10);
    expect(faceDistance([3, 0], [0, 4])).toBe(5);
  });

  it('refuses descriptors of different lengths', () => {
    expect(() => faceDistance([1], [1, 2])).toThrow(RangeError);
  });

  it('decides verified, manual review or failed around the threshold', () => {
    expect(decideIdentity(0.6, 0.6, 0.1)).toBe('VERIFIED');
    expect(decideIdentity(0.65, 0.6, 0.1)).toBe('MANUAL_REVIEW');
    expect(decideIdentity(0.71, 0.6, 0.1)).toBe('FAILED');
    expect(decideIdentity(0.61, 0.6, 0)).toBe('FAILED');
  });
});
