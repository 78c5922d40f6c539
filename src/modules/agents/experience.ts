export interface ExperiencePeriod {
  startDate: Date;
  endDate: Date | null;
}

/**
 * Whole months of experience, counting overlapping jobs once (two jobs in the same months are not
 * twice the experience). An open period runs until `now`.
 */
export function experienceMonths(periods: readonly ExperiencePeriod[], now: Date = new Date()): number {
  const spans = periods
    .map((p) => ({ start: p.startDate.getTime(), end: Math.min((p.endDate ?? now).getTime(), now.getTime()) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  let totalMs = 0;
  let current: { start: number; end: number } | undefined;
  for (const span of spans) {
    if (current && span.start <= current.end) {
      current.end = Math.max(current.end, span.end);
      continue;
    }
    if (current) totalMs += current.end - current.start;
    current = { ...span };
  }
  if (current) totalMs += current.end - current.start;
  const averageMonthMs = (365.25 / 12) * 24 * 60 * 60 * 1000;
  return Math.floor(totalMs / averageMonthMs);
}
