export interface ExperiencePeriod {
  startDate: Date;
  endDate: Date | null;
}

const DAY_MS = 86_400_000;

/** Whole UTC days since the epoch (experience dates are stored as dates, at UTC midnight). */
const dayOf = (date: Date): number => Math.floor(date.getTime() / DAY_MS);

/** `day` plus `months` calendar months, the day of month clamped to the target month's length. */
function addMonths(day: number, months: number): number {
  const date = new Date(day * DAY_MS);
  const target = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), target + 1, 0)).getUTCDate();
  return dayOf(new Date(Date.UTC(date.getUTCFullYear(), target, Math.min(date.getUTCDate(), lastDay))));
}

/** Whole calendar months from `start` up to `end` (exclusive day numbers). */
function calendarMonths(start: number, end: number): number {
  const from = new Date(start * DAY_MS);
  const to = new Date(end * DAY_MS);
  const months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
  return addMonths(start, months) <= end ? months : months - 1;
}

/**
 * Whole calendar months of experience. A job's end date is its last day of work (1 Jan → 30 Jun is
 * six months, and so is 1 Jan → 1 Jul); an ongoing job, or one whose end lies ahead, runs to today.
 * Overlapping and back-to-back jobs form one stretch, counted once; separate stretches add up.
 */
export function experienceMonths(periods: readonly ExperiencePeriod[], now: Date = new Date()): number {
  const today = dayOf(now);
  const spans = periods
    .map((p) => ({ start: dayOf(p.startDate), end: Math.min(dayOf(p.endDate ?? now), today) + 1 }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  let months = 0;
  let current: { start: number; end: number } | undefined;
  for (const span of spans) {
    if (current && span.start <= current.end) {
      current.end = Math.max(current.end, span.end);
      continue;
    }
    if (current) months += calendarMonths(current.start, current.end);
    current = { ...span };
  }
  if (current) months += calendarMonths(current.start, current.end);
  return months;
}
