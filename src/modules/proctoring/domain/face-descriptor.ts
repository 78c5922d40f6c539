/** face-api.js `FaceRecognitionNet` produces 128 numbers per face. */
export const FACE_DESCRIPTOR_LENGTH = 128;
/** Its values are small (|v| well below 1); anything outside [-1, 1] is not a face-api descriptor. */
export const FACE_DESCRIPTOR_MAX_ABS = 1;

export function isValidDescriptor(value: unknown): value is number[] {
  return (
    Array.isArray(value) &&
    value.length === FACE_DESCRIPTOR_LENGTH &&
    value.every((v) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= FACE_DESCRIPTOR_MAX_ABS)
  );
}

/** Euclidean distance, face-api's measure: below ~0.6 the two faces are usually the same person. */
export function faceDistance(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new RangeError(`Descriptors differ in length (${a.length} vs ${b.length})`);
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += (a[i] - b[i]) ** 2;
  return Math.sqrt(sum);
}

export type IdentityDecision = 'VERIFIED' | 'MANUAL_REVIEW' | 'FAILED';

/**
 * Within `threshold`: verified. A little above it (within `reviewMargin`): a person decides, since
 * lighting and camera quality push genuine matches just past the line. Further away: failed.
 */
export function decideIdentity(distance: number, threshold: number, reviewMargin: number): IdentityDecision {
  if (distance <= threshold) return 'VERIFIED';
  if (distance <= threshold + reviewMargin) return 'MANUAL_REVIEW';
  return 'FAILED';
}
