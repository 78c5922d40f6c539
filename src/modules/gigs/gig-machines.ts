import type { ApplicationStatus, DisputeStatus, GigStatus, SubmissionStatus, WorkState } from '../../generated/prisma/enums.js';
import { defineMachine, type StateMachine } from './state-machine.js';

/**
 * The state machines of the gig cycle, in one place. The services and repositories take their
 * allowed source states from these tables, and `gig-machines.spec.ts` checks that no state is a dead
 * end: from every state some route, sweep or event leads to a final state, and every state another
 * transition requires can be reached.
 */

/** An agent's application to an opportunity. */
export const APPLICATION_MACHINE = defineMachine<ApplicationStatus>({
  name: 'application',
  states: ['PENDING', 'ACCEPTED', 'REJECTED'],
  final: ['ACCEPTED', 'REJECTED'],
  transitions: [
    { action: 'accept', from: ['PENDING'], to: 'ACCEPTED', by: 'route' },
    { action: 'reject', from: ['PENDING'], to: 'REJECTED', by: 'route' },
    { action: 'opportunity-closed', from: ['PENDING'], to: 'REJECTED', by: 'event' },
  ],
});

/**
 * Where the agent is in one gig's LOGIN → (BREAK_START → BREAK_END)* → LOGOUT cycle; OFFLINE is its
 * resting state. LOGIN only inside a picked slot; a session left open after the slot (and its grace)
 * is closed by the sweep, with the BREAK_END and LOGOUT entries the routes would have written.
 */
export const WORK_MACHINE = defineMachine<WorkState>({
  name: 'work',
  states: ['OFFLINE', 'WORKING', 'ON_BREAK'],
  final: ['OFFLINE'],
  transitions: [
    { action: 'LOGIN', from: ['OFFLINE'], to: 'WORKING', by: 'route' },
    { action: 'BREAK_START', from: ['WORKING'], to: 'ON_BREAK', by: 'route' },
    { action: 'BREAK_END', from: ['ON_BREAK'], to: 'WORKING', by: 'route' },
    { action: 'LOGOUT', from: ['WORKING'], to: 'OFFLINE', by: 'route' },
    { action: 'window-closed', from: ['WORKING', 'ON_BREAK'], to: 'OFFLINE', by: 'sweep' },
  ],
});

/** Submitted work: reviewed by the client (or approved automatically when left unreviewed). */
export const SUBMISSION_MACHINE = defineMachine<SubmissionStatus>({
  name: 'submission',
  states: ['PENDING', 'REWORK_NEEDED', 'REWORK_SUBMITTED', 'APPROVED', 'REJECTED'],
  final: ['APPROVED', 'REJECTED'],
  transitions: [
    { action: 'approve', from: ['PENDING', 'REWORK_SUBMITTED'], to: 'APPROVED', by: 'route' },
    { action: 'reject', from: ['PENDING', 'REWORK_SUBMITTED'], to: 'REJECTED', by: 'route' },
    { action: 'ask-rework', from: ['PENDING', 'REWORK_SUBMITTED'], to: 'REWORK_NEEDED', by: 'route' },
    { action: 'resubmit', from: ['REWORK_NEEDED'], to: 'REWORK_SUBMITTED', by: 'route' },
    { action: 'auto-approve', from: ['PENDING', 'REWORK_SUBMITTED'], to: 'APPROVED', by: 'sweep' },
  ],
});

/**
 * The settlement of one approved submission (a payment row once SETTLED): DUE when its worked time
 * is worth something, NOTHING_DUE when it is worth 0. Approval settles NOTHING_DUE work at once
 * (a recorded payment of 0, automatic or not); work approved before that rule existed is settled by
 * a payment request or by the sweep.
 */
export type Settlement = 'DUE' | 'NOTHING_DUE' | 'SETTLED';
export const SETTLEMENT_MACHINE = defineMachine<Settlement>({
  name: 'settlement',
  states: ['DUE', 'NOTHING_DUE', 'SETTLED'],
  final: ['SETTLED'],
  transitions: [
    { action: 'pay', from: ['DUE', 'NOTHING_DUE'], to: 'SETTLED', by: 'route' },
    { action: 'settle-nothing-due', from: ['NOTHING_DUE'], to: 'SETTLED', by: 'sweep' },
  ],
});

/** Where an approved submission's settlement stands. */
export const settlementOf = (paid: boolean, amountMinor: number): Settlement => (paid ? 'SETTLED' : amountMinor > 0 ? 'DUE' : 'NOTHING_DUE');

/** A dispute about an application, gig, submission or payment. */
export const DISPUTE_MACHINE = defineMachine<DisputeStatus>({
  name: 'dispute',
  states: ['OPEN', 'ESCALATED', 'RESOLVED', 'DISMISSED'],
  final: ['RESOLVED', 'DISMISSED'],
  transitions: [
    { action: 'escalate', from: ['OPEN'], to: 'ESCALATED', by: 'sweep' },
    { action: 'resolve', from: ['OPEN', 'ESCALATED'], to: 'RESOLVED', by: 'route' },
    { action: 'dismiss', from: ['OPEN', 'ESCALATED'], to: 'DISMISSED', by: 'route' },
  ],
});

/** A review of the other party: hidden until both sides reviewed or the review window closed (double-blind). */
export type ReviewVisibility = 'UNPUBLISHED' | 'PUBLISHED';
export const REVIEW_MACHINE = defineMachine<ReviewVisibility>({
  name: 'review',
  states: ['UNPUBLISHED', 'PUBLISHED'],
  final: ['PUBLISHED'],
  transitions: [
    { action: 'counter-review', from: ['UNPUBLISHED'], to: 'PUBLISHED', by: 'route' },
    { action: 'window-closed', from: ['UNPUBLISHED'], to: 'PUBLISHED', by: 'sweep' },
  ],
});

/**
 * The gig (an accepted application). It completes when the agent is offline, every submission is
 * decided, all approved work is settled and no dispute is open (and at least one submission was
 * approved: the agent can always submit more work).
 */
export const GIG_MACHINE = defineMachine<GigStatus>({
  name: 'gig',
  states: ['ACTIVE', 'COMPLETED'],
  final: ['COMPLETED'],
  transitions: [
    {
      action: 'complete',
      from: ['ACTIVE'],
      to: 'COMPLETED',
      by: 'route',
      requires: [
        { machine: WORK_MACHINE, states: WORK_MACHINE.final },
        { machine: SUBMISSION_MACHINE, states: SUBMISSION_MACHINE.final },
        { machine: SETTLEMENT_MACHINE, states: SETTLEMENT_MACHINE.final },
        { machine: DISPUTE_MACHINE, states: DISPUTE_MACHINE.final },
      ],
    },
  ],
});

export const GIG_CYCLE: readonly StateMachine<string>[] = [
  APPLICATION_MACHINE,
  GIG_MACHINE,
  WORK_MACHINE,
  SUBMISSION_MACHINE,
  SETTLEMENT_MACHINE,
  DISPUTE_MACHINE,
  REVIEW_MACHINE,
];
