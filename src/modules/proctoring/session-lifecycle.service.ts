import { Injectable } from '@nestjs/common';
import type { SessionEndReason } from '../../generated/prisma/enums.js';
import { RealtimeService } from '../../infra/realtime/realtime.service.js';
import { rooms } from '../../infra/realtime/rooms.js';
import { EvaluationService } from './evaluation.service.js';
import { SessionsRepository } from './sessions.repository.js';

export const PROCTORING_EVENTS = {
  autoSubmitted: 'proctoring:auto_submitted',
  violation: 'proctoring:violation',
  heartbeat: 'proctoring:heartbeat',
  sessionEnded: 'proctoring:session_ended',
} as const;

export interface AutoSubmittedPayload {
  sessionId: string;
  reason: 'AUTO_SUBMITTED' | 'TIME_EXPIRED';
  /** The event that ended the test, for a violation. */
  violationType?: string;
  endedAt: string;
}

/** The one place a session ends: the state change, the notifications, then scoring. */
@Injectable()
export class SessionLifecycleService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly evaluation: EvaluationService,
    private readonly realtime: RealtimeService,
  ) {}

  /** Ends an ACTIVE session; false when another caller already ended it. */
  async end(session: { id: string; userId: string; candidateAssessmentId: string }, reason: SessionEndReason, violationType?: string): Promise<boolean> {
    const won = await this.sessions.end(session.id, reason);
    if (!won) return false;
    const endedAt = new Date().toISOString();
    if (reason !== 'SUBMITTED') {
      const payload: AutoSubmittedPayload = { sessionId: session.id, reason, violationType, endedAt };
      this.realtime.toUser(session.userId, PROCTORING_EVENTS.autoSubmitted, payload);
      this.realtime.toRoom(rooms.session(session.id), PROCTORING_EVENTS.autoSubmitted, payload);
    } else {
      this.realtime.toRoom(rooms.session(session.id), PROCTORING_EVENTS.sessionEnded, { sessionId: session.id, reason, endedAt });
    }
    await this.evaluation.tryFinalize(session.candidateAssessmentId);
    return true;
  }

  /** A session past its deadline is submitted by whoever notices first (a request or the sweep). */
  async expire(sessionId: string): Promise<boolean> {
    const session = await this.sessions.findById(sessionId);
    if (!session || session.status !== 'ACTIVE' || session.deadline > new Date()) return false;
    return this.end(session, 'TIME_EXPIRED');
  }
}
