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

export interface ActivitySummary {
  state: WorkState;
  /** Minutes spent WORKING in finished periods (an open session counts only once it ends). */
  workedMinutes: number;
  breakMinutes: number;
}

/**
 * Worked and break time from a gig's activity log (ordered by time). Only closed periods count, so
 * the figure a payment is based on cannot grow while the agent is still logged in.
 */
export function summarizeActivity(entries: readonly ActivityEntry[]): ActivitySummary {
  let state: WorkState = 'OFFLINE';
  let since: number | undefined;
  let workedMs = 0;
  let breakMs = 0;
  for (const entry of entries) {
    const { from, to } = activityTransition(entry.type);
    if (!from.includes(state)) continue; // the state machine never stores these; ignore rather than miscount
    const at = entry.occurredAt.getTime();
    if (since !== undefined && state === 'WORKING') workedMs += at - since;
    if (since !== undefined && state === 'ON_BREAK') breakMs += at - since;
    state = to;
    since = to === 'OFFLINE' ? undefined : at;
  }
  return { state, workedMinutes: Math.floor(workedMs / 60_000), breakMinutes: Math.floor(breakMs / 60_000) };
}

/** Pay for `minutes` at an hourly `rateMinor`, rounded to the nearest minor unit. */
export function paymentAmount(minutes: number, hourlyRateMinor: number): number {
  return Math.round((minutes * hourlyRateMinor) / 60);
}
