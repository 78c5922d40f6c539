import type { CallRequestStatus, CallSessionStatus } from '../../generated/prisma/enums.js';

/** The call session state machine: CREATED → STARTED → ENDED (a call may also end before it starts). */
export const SESSION_TRANSITIONS: Readonly<Record<'STARTED' | 'ENDED', readonly CallSessionStatus[]>> = {
  STARTED: ['CREATED'],
  ENDED: ['CREATED', 'STARTED'],
};

export const canMoveSession = (from: CallSessionStatus, to: 'STARTED' | 'ENDED'): boolean => SESSION_TRANSITIONS[to].includes(from);

/**
 * The call request state machine, by the status a request moves to: the statuses it may move from.
 * A request waits (PENDING) until it is accepted, rejected, cancelled or runs out (EXPIRED). An
 * accepted request whose room could not be opened waits again, unless the donor sent a newer request
 * meanwhile: that one waits, and the old one is superseded.
 */
export const REQUEST_TRANSITIONS: Readonly<Record<CallRequestStatus, readonly CallRequestStatus[]>> = {
  PENDING: ['ACCEPTED'],
  ACCEPTED: ['PENDING'],
  REJECTED: ['PENDING'],
  CANCELLED: ['PENDING'],
  EXPIRED: ['PENDING', 'ACCEPTED'],
};

/**
 * What a request becomes when a newer one of the donor's takes its place: EXPIRED, as a request that
 * ran out gives way to a new one (the donor did not cancel it, nobody declined it).
 */
export const SUPERSEDED = 'EXPIRED' satisfies CallRequestStatus;

export const canMoveRequest = (from: CallRequestStatus, to: CallRequestStatus): boolean => REQUEST_TRANSITIONS[to].includes(from);

export function durationSeconds(startedAt: Date | null, endedAt: Date): number {
  return startedAt ? Math.max(0, Math.round((endedAt.getTime() - startedAt.getTime()) / 1000)) : 0;
}

export function formatDuration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return minutes ? `${minutes}m ${rest}s` : `${rest}s`;
}

const MODE_LABEL = { VIDEO: 'Video call', AUDIO: 'Audio call', SCREEN: 'Screen sharing session' } as const;
export const modeLabel = (mode: keyof typeof MODE_LABEL): string => MODE_LABEL[mode];
/** The mode inside a sentence: "audio call". */
export const callPhrase = (mode: keyof typeof MODE_LABEL): string => MODE_LABEL[mode].toLowerCase();

/**
 * The phrase with its indefinite article: "a video call", "an audio call". By the first letter,
 * which is right for the mode labels (none starts with a silent h or a "yoo" sound).
 */
export const withArticle = (phrase: string): string => `${/^[aeiou]/i.test(phrase) ? 'an' : 'a'} ${phrase}`;
