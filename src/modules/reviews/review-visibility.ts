import { isStaff } from '../../common/auth/roles.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { UserRole } from '../../generated/prisma/enums.js';

export interface ReviewViewer {
  userId: string;
  role: UserRole;
}

/**
 * The double-blind rule, in one place: a review is hidden until both sides reviewed the gig or the
 * review window closed (then it is published). Before that only its author, and staff, may read it.
 */
export function visibleTo(viewer: ReviewViewer): Prisma.ReviewWhereInput {
  if (isStaff(viewer.role)) return {};
  return { OR: [{ publishedAt: { not: null } }, { authorId: viewer.userId }] };
}

/** A rating as shown: the average of the published reviews (2 decimals; null without any) and their count. */
export interface Rating {
  average: number | null;
  count: number;
}

export const NO_RATING: Rating = { average: null, count: 0 };

export const roundRating = (average: number): number => Math.round(average * 100) / 100;
