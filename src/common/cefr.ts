import { CefrLevel } from '../generated/prisma/enums.js';

export { CefrLevel };

/** The CEFR levels, lowest first, as the Prisma enum `CefrLevel` declares them (the one declaration). */
export const CEFR_LEVELS: readonly CefrLevel[] = Object.values(CefrLevel);

/** True when `level` reaches `minimum` (no minimum: always; no level: never). */
export function cefrAtLeast(level: CefrLevel | null | undefined, minimum: CefrLevel | null | undefined): boolean {
  if (!minimum) return true;
  if (!level) return false;
  return CEFR_LEVELS.indexOf(level) >= CEFR_LEVELS.indexOf(minimum);
}
