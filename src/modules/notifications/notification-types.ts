/**
 * Every kind of notification, so that a client can switch on `type` and a typo does not compile.
 * `data` carries the ids an app needs to open the thing (strings: FCM data is string-only).
 */
export const NOTIFICATION_TYPES = [
  // gig platform
  'application.received',
  'application.decided',
  'gig.slots_picked',
  'gig.completed',
  'gig.reviewed',
  'submission.received',
  'submission.reviewed',
  'submission.reworked',
  'payment.settled',
  'dispute.opened',
  'dispute.resolved',
  'dispute.escalated',
  'agent.kyc_submitted',
  'agent.kyc_decided',
  'agent.assessment_recorded',
  'agent.assessment_scored',
  // AI support chat
  'custom_question.answered',
  // donor desk
  'query.new',
  'query.message',
  'query.transferred',
  'query.reminder',
  'query.escalated',
  'query.closed_by_donor',
  'call.requested',
  'call.missed',
  'direct.message',
] as const;

export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** What a caller gives: values are turned into strings, null and undefined left out. */
export type NotificationData = Record<string, string | number | boolean | null | undefined>;

export const toPushData = (data: NotificationData): Record<string, string> =>
  Object.fromEntries(Object.entries(data).flatMap(([key, value]) => (value === null || value === undefined ? [] : [[key, String(value)]])));
