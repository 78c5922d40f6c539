import type { ActivityType, WorkState } from '../../generated/prisma/enums.js';
import { WORK_MACHINE } from './gig-machines.js';
import { sourcesOf, targetOf } from './state-machine.js';

/** The step an activity entry makes in the work machine (LOGIN → (BREAK_START → BREAK_END)* → LOGOUT). */
export function activityTransition(type: ActivityType): { from: WorkState[]; to: WorkState } {
  return { from: sourcesOf(WORK_MACHINE, type), to: targetOf(WORK_MACHINE, type) };
}

export interface ActivityEntry {
  type: ActivityType;
  occurredAt: Date;
}

/** A picked work slot: the only time that counts as work. */
export interface WorkWindow {
  startsAt: Date;
  endsAt: Date;
}

export interface ActivitySummary {
  state: WorkState;
  /** Minutes WORKING inside the picked slots, in finished periods (an open session counts only once it ends). */
  workedMinutes: number;
  /** Minutes ON_BREAK inside the picked slots, in finished periods. */
  breakMinutes: number;
}

/** Milliseconds of [from, to) that fall inside the windows, time covered by two windows counted once. */
function insideWindows(from: number, to: number, windows: readonly WorkWindow[]): number {
  let total = 0;
  let coveredUntil = from;
  for (const w of [...windows].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())) {
    const start = Math.max(coveredUntil, w.startsAt.getTime());
    const end = Math.min(to, w.endsAt.getTime());
    if (end > start) total += end - start;
    coveredUntil = Math.max(coveredUntil, Math.min(to, w.endsAt.getTime()));
  }
  return total;
}

/**
 * Worked and break time from a gig's activity log (ordered by time), counted only inside the gig's
 * picked slots. Only closed periods count, so the figure a payment is based on cannot grow while the
 * agent is still logged in.
 */
export function summarizeActivity(entries: readonly ActivityEntry[], windows: readonly WorkWindow[]): ActivitySummary {
  let state: WorkState = 'OFFLINE';
  let since: number | undefined;
  let workedMs = 0;
  let breakMs = 0;
  for (const entry of entries) {
    const { from, to } = activityTransition(entry.type);
    if (!from.includes(state)) continue; // the state machine never stores these; ignore rather than miscount
    const at = entry.occurredAt.getTime();
    if (since !== undefined && state === 'WORKING') workedMs += insideWindows(since, at, windows);
    if (since !== undefined && state === 'ON_BREAK') breakMs += insideWindows(since, at, windows);
    state = to;
    since = to === 'OFFLINE' ? undefined : at;
  }
  return { state, workedMinutes: Math.floor(workedMs / 60_000), breakMinutes: Math.floor(breakMs / 60_000) };
}

export type LoginCheck = { allowed: true } | { allowed: false; window: WorkWindow | null; upcoming: boolean };

/**
 * LOGIN is accepted from `graceMs` before a picked slot starts until it ends. When refused, names the
 * next slot to come, or else the last one that ended (null without slots).
 */
export function checkLogin(windows: readonly WorkWindow[], now: Date, graceMs: number): LoginCheck {
  const at = now.getTime();
  if (windows.some((w) => w.startsAt.getTime() - graceMs <= at && at < w.endsAt.getTime())) return { allowed: true };
  const byStart = [...windows].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const next = byStart.find((w) => w.startsAt.getTime() - graceMs > at);
  if (next) return { allowed: false, window: next, upcoming: true };
  return { allowed: false, window: byStart.at(-1) ?? null, upcoming: false };
}

/** True while `now` is within a picked slot or its grace on either side: work in progress is left alone. */
export const withinWindowOrGrace = (windows: readonly WorkWindow[], now: Date, graceMs: number): boolean =>
  windows.some((w) => w.startsAt.getTime() - graceMs <= now.getTime() && now.getTime() < w.endsAt.getTime() + graceMs);

/** Pay for `minutes` at an hourly `rateMinor`, rounded to the nearest minor unit. */
export function paymentAmount(minutes: number, hourlyRateMinor: number): number {
  return Math.round((minutes * hourlyRateMinor) / 60);
}
