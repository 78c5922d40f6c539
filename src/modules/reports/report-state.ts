import type { ReportStatus } from '../../generated/prisma/enums.js';

/** pending → in review → resolved | dismissed (also straight from pending); resolved and dismissed are final. */
export const REPORT_TRANSITIONS: Readonly<Record<ReportStatus, readonly ReportStatus[]>> = {
  PENDING: ['IN_REVIEW', 'RESOLVED', 'DISMISSED'],
  IN_REVIEW: ['PENDING', 'RESOLVED', 'DISMISSED'],
  RESOLVED: [],
  DISMISSED: [],
};

export const isFinal = (status: ReportStatus) => REPORT_TRANSITIONS[status].length === 0;
