import type { CefrLevel } from '../../generated/prisma/enums.js';

export const CEFR_ORDER: readonly CefrLevel[] = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'];

/** True when `level` reaches `minimum` (no minimum: always; no level: never). */
export function cefrAtLeast(level: CefrLevel | null | undefined, minimum: CefrLevel | null | undefined): boolean {
  if (!minimum) return true;
  if (!level) return false;
  return CEFR_ORDER.indexOf(level) >= CEFR_ORDER.indexOf(minimum);
}
