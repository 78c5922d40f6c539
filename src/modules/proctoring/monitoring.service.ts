import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { foundOr404, ownedOrNotFound } from '../../common/auth/ownership.js';
import { conflict, notFound } from '../../common/http/app-error.js';
import { AppConfig } from '../../config/app-config.js';
import type { ProctoringLog, ViolationSnapshot } from '../../generated/prisma/client.js';
import { RealtimeService } from '../../infra/realtime/realtime.service.js';
import { rooms } from '../../infra/realtime/rooms.js';
import { detectAllowedType, IMAGE_TYPES } from '../../infra/storage/file-type.js';
import { StorageProvider } from '../../infra/storage/storage.provider.js';
import { classifyEvent, shouldAutoSubmit } from './domain/violation-policy.js';
import { AppealDto, DecideAppealDto, HeartbeatReceiptDto, ProctoringLogDto, ViolationDto, ViolationReceiptDto } from './dto/session.dto.js';
import { EventWrite, MonitoringRepository } from './monitoring.repository.js';
import { PROCTORING_EVENTS, SessionLifecycleService } from './session-lifecycle.service.js';
import { SessionFull, SessionsRepository } from './sessions.repository.js';

const toLogDto = (log: ProctoringLog & { snapshot?: ViolationSnapshot | null }): ProctoringLogDto => ({
  id: log.id,
  sessionId: log.sessionId,
  type: log.type,
  severity: log.severity,
  durationMs: log.durationMs,
  detail: log.detail,
  hasSnapshot: Boolean(log.snapshot),
  appealStatus: log.appealStatus,
  appealReason: log.appealReason,
  appealDecisionNote: log.appealDecisionNote,
  createdAt: log.createdAt,
});

/** Violations and heartbeats (REST and Socket.IO alike), auto-submission, logs and appeals. */
@Injectable()
export class MonitoringService {
  constructor(
    private readonly monitoring: MonitoringRepository,
    private readonly sessions: SessionsRepository,
    private readonly lifecycle: SessionLifecycleService,
    private readonly realtime: RealtimeService,
    private readonly storage: StorageProvider,
    private readonly config: AppConfig,
  ) {}

  async recordViolation(sessionId: string, user: AuthUser, dto: ViolationDto): Promise<ViolationReceiptDto> {
    const session = foundOr404(await this.sessions.findForUser(sessionId, user.id), 'Session');
    if (session.status !== 'ACTIVE') throw conflict('SESSION_ENDED', 'This assessment has already been submitted');
    return this.record(session, dto);
  }

  /**
   * Logs a silence the candidate's browser could not report: active sessions without a heartbeat
   * for longer than the timeout (run by the sweep). Returns how many were logged.
   */
  async reportSilentSessions(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.config.proctoring.heartbeatTimeoutSeconds * 1000);
    const silent = await this.monitoring.claimSilentSessions(cutoff, now, 100);
    for (const session of silent) {
      const full = await this.sessions.findById(session.id);
      if (!full) continue;
      const gapMs = now.getTime() - session.lastHeartbeatAt.getTime();
      // A session that ended or expired meanwhile answers 409 here: nothing to log then.
      await this.record(full, { type: 'NETWORK_DISCONNECT', durationMs: gapMs, detail: 'No heartbeat' }).catch(() => undefined);
    }
    return silent.length;
  }

  private async record(session: SessionFull, dto: ViolationDto): Promise<ViolationReceiptDto> {
    const severity = classifyEvent(dto.type, dto.durationMs, this.config.proctoring.facePersistMs);
    const event: EventWrite = { type: dto.type, severity, durationMs: dto.durationMs, detail: dto.detail };
    if (dto.snapshotBase64) {
      const image = Buffer.from(dto.snapshotBase64, 'base64');
      const type = await detectAllowedType(image, IMAGE_TYPES);
      const stored = await this.storage.save('proctoring-snapshots', image, type.mime, type.ext);
      event.snapshot = { storageKey: stored.key, contentType: type.mime, size: stored.size };
    }
    const outcome = await this.monitoring.record(session.id, session.userId, event, new Date());
    if (outcome.kind !== 'recorded' && event.snapshot) await this.storage.remove(event.snapshot.storageKey).catch(() => undefined);
    if (outcome.kind === 'missing') throw notFound('Session');
    if (outcome.kind === 'ended') throw conflict('SESSION_ENDED', 'This assessment has already been submitted');
    if (outcome.kind === 'expired') {
      await this.lifecycle.expire(session.id);
      throw conflict('DEADLINE_PASSED', 'The time for this assessment is over');
    }

    this.realtime.toRoom(rooms.session(session.id), PROCTORING_EVENTS.violation, {
      sessionId: session.id,
      log: toLogDto(outcome.log),
      violationCount: outcome.violationCount,
      warningCount: outcome.warningCount,
    });
    const autoSubmit = shouldAutoSubmit(severity, outcome.violationCount, this.config.proctoring.maxViolations);
    const autoSubmitted = autoSubmit ? await this.lifecycle.end(session, 'AUTO_SUBMITTED', dto.type) : false;
    return {
      logId: outcome.log.id,
      severity,
      counted: severity !== 'WARNING',
      violationCount: outcome.violationCount,
      warningCount: outcome.warningCount,
      autoSubmitted,
    };
  }

  /**
   * A heartbeat after a silence longer than the configured timeout records the gap as a
   * NETWORK_DISCONNECT warning (unless the sweep already did). Past the deadline the session is
   * submitted.
   */
  async heartbeat(sessionId: string, user: AuthUser): Promise<HeartbeatReceiptDto> {
    const now = new Date();
    const beat = await this.monitoring.heartbeat(sessionId, user.id, now);
    if (!beat) {
      const session = foundOr404(await this.sessions.findForUser(sessionId, user.id), 'Session');
      return { status: session.status, deadline: session.deadline, remainingSeconds: 0 };
    }
    if (beat.deadline <= now) {
      await this.lifecycle.expire(sessionId);
      return { status: 'ENDED', deadline: beat.deadline, remainingSeconds: 0 };
    }
    const gapMs = beat.previous ? now.getTime() - beat.previous.getTime() : 0;
    if (!beat.silenceReported && gapMs > this.config.proctoring.heartbeatTimeoutSeconds * 1000) {
      await this.recordViolation(sessionId, user, { type: 'NETWORK_DISCONNECT', durationMs: gapMs, detail: 'No heartbeat' });
    }
    this.realtime.toRoom(rooms.session(sessionId), PROCTORING_EVENTS.heartbeat, { sessionId, at: now.toISOString() });
    return { status: 'ACTIVE', deadline: beat.deadline, remainingSeconds: Math.floor((beat.deadline.getTime() - now.getTime()) / 1000) };
  }

  async logs(sessionId: string, user: AuthUser): Promise<ProctoringLogDto[]> {
    ownedOrNotFound(await this.sessions.findById(sessionId), (s) => s.userId, user, { what: 'Session' });
    return (await this.monitoring.listForSession(sessionId)).map(toLogDto);
  }

  /** Staff join the live room of a session; 404 for an unknown one. */
  async assertWatchable(sessionId: string): Promise<void> {
    foundOr404(await this.sessions.findById(sessionId), 'Session');
  }

  /** The image captured with a violation, for staff reviewing the session. */
  async snapshot(logId: string): Promise<{ stream: Readable; contentType: string }> {
    const log = foundOr404(await this.monitoring.findWithSession(logId), 'Log');
    if (!log.snapshot) throw notFound('Snapshot');
    return { stream: await this.storage.read(log.snapshot.storageKey), contentType: log.snapshot.contentType };
  }

  async appeal(logId: string, user: AuthUser, dto: AppealDto): Promise<ProctoringLogDto> {
    const log = ownedOrNotFound(await this.monitoring.findWithSession(logId), (l) => l.session.userId, user, { what: 'Log', staffToo: false });
    if (log.severity === 'WARNING') throw conflict('NOT_APPEALABLE', 'Warnings do not count and cannot be appealed');
    if (!(await this.monitoring.appeal(logId, user.id, dto.reason))) throw conflict('ALREADY_APPEALED', 'A violation can be appealed once');
    return toLogDto(foundOr404(await this.monitoring.findWithSession(logId), 'Log'));
  }

  async decideAppeal(logId: string, dto: DecideAppealDto, reviewer: AuthUser): Promise<ProctoringLogDto> {
    foundOr404(await this.monitoring.findWithSession(logId), 'Log');
    if (!(await this.monitoring.decideAppeal(logId, dto.decision, reviewer.id, dto.note))) {
      throw conflict('INVALID_STATE', 'Only a pending appeal can be decided');
    }
    return toLogDto(foundOr404(await this.monitoring.findWithSession(logId), 'Log'));
  }
}
