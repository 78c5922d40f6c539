import type { ViolationSeverity, ViolationType } from '../../../generated/prisma/enums.js';

/**
 * How each monitored event counts. Following edx-proctoring and TAO, warnings (recorded, shown to
 * reviewers, never counted) are kept apart from violations (counted toward auto-submission), and a
 * face event counts only when the client reports it persisting for the configured time, never on
 * one frame. A second face that persists ends the test at once.
 */
const BASE_SEVERITY: Readonly<Record<ViolationType, ViolationSeverity>> = {
  FACE_MISSING: 'VIOLATION',
  MULTIPLE_FACES: 'CRITICAL',
  TAB_SWITCH: 'VIOLATION',
  FULLSCREEN_EXIT: 'VIOLATION',
  MOUSE_LEAVE: 'WARNING',
  KEYBOARD_SHORTCUT: 'WARNING',
  RIGHT_CLICK: 'WARNING',
  NETWORK_DISCONNECT: 'WARNING',
};

const FACE_EVENTS: readonly ViolationType[] = ['FACE_MISSING', 'MULTIPLE_FACES'];

export function classifyEvent(type: ViolationType, durationMs: number | undefined, facePersistMs: number): ViolationSeverity {
  if (FACE_EVENTS.includes(type) && (durationMs ?? 0) < facePersistMs) return 'WARNING';
  return BASE_SEVERITY[type];
}

/** A critical event, or more counted violations than allowed, submits the test. */
export function shouldAutoSubmit(severity: ViolationSeverity, violationCount: number, maxViolations: number): boolean {
  return severity === 'CRITICAL' || violationCount > maxViolations;
}
