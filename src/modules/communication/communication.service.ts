import { randomBytes } from 'node:crypto';
import { Injectable, OnModuleInit } from '@nestjs/common';
import type { CallMode, CallSessionStatus } from '../../generated/prisma/enums.js';
import type { CallRequest, CallSession, DonorMessage, DonorQuery } from '../../generated/prisma/client.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { ADMIN_ROLES } from '../../common/auth/roles.js';
import { conflict, forbidden, notFound } from '../../common/http/app-error.js';
import { AppConfig } from '../../config/app-config.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { videoUnavailable } from '../../infra/video/unavailable-video.provider.js';
import { VideoProvider } from '../../infra/video/video.provider.js';
import { DonorQueriesService, type QueryActor, type AfterMove, type QueryMoveContext, isOpen, mayHandle } from '../donor-queries/index.js';
import { type NewNotification, NotificationsService } from '../notifications/index.js';
import { UsersService } from '../users/index.js';
import { CallEvents } from './call.events.js';
import { callPhrase, durationSeconds, formatDuration, modeLabel, REQUEST_TRANSITIONS, SESSION_TRANSITIONS, SUPERSEDED, withArticle } from './call-state.js';
import { CallNote, CommunicationRepository, isUniqueViolation } from './communication.repository.js';
import { CallRequestDto, CallSessionDto, toCallRequestDto, toCallSessionDto } from './dto/call.dto.js';

const EXPIRY_BATCH = 100;
const requestNotPending = () => conflict('CALL_REQUEST_NOT_PENDING', 'The call request was already answered, cancelled or has expired');
const activeCall = () => conflict('CALL_ALREADY_ACTIVE', 'This query already has an active call');
const queryChanged = () => conflict('INVALID_QUERY_STATE', 'The query was closed or reassigned meanwhile; reload it');
const callInProgress = () => conflict('CALL_IN_PROGRESS', 'End the call before transferring the query');
const requestPending = () => conflict('CALL_REQUEST_PENDING', 'A call request is already waiting for an answer');

const endedNote = (session: CallSession): CallNote => ({
  messageType: 'CALL_ENDED',
  callMode: session.mode,
  content: `${modeLabel(session.mode)} ended after ${formatDuration(session.durationSeconds ?? 0)}`,
});

/**
 * Calls on a donor query: the donor requests (VIDEO | AUDIO | SCREEN), the assignee accepts, rejects
 * or starts a call directly; the video provider creates a private room with an owner token for the
 * admin and a participant token for the donor; the session goes CREATED → STARTED → ENDED.
 *
 * A call lives no longer than its open query. Resolving or the donor's close ends the active call and
 * cancels a pending request in the same transaction; a transfer is refused while a call is active
 * (the admin on it ends it first) and hands a pending request to the receiver. Every call write
 * re-checks the query under its row lock, so none lands on a query closed or reassigned meanwhile.
 */
@Injectable()
export class CommunicationService implements OnModuleInit {
  constructor(
    private readonly calls: CommunicationRepository,
    private readonly queries: DonorQueriesService,
    private readonly video: VideoProvider,
    private readonly events: CallEvents,
    private readonly notifications: NotificationsService,
    private readonly users: UsersService,
    private readonly config: AppConfig,
    private readonly db: TransactionHost,
  ) {}

  onModuleInit(): void {
    this.queries.addMoveStep((change) => this.onQueryMove(change));
  }

  async request(queryId: string, actor: QueryActor, mode: CallMode, message?: string): Promise<CallRequestDto> {
    this.assertAvailable();
    const query = await this.queries.findVisible(queryId, actor);
    if (!isOpen(query.status)) throw conflict('INVALID_QUERY_STATE', 'Calls can only be requested on an open query');
    const expiresAt = new Date(Date.now() + this.config.donorDesk.callRequestTtlSeconds * 1000);
    const created = await this.db
      .withTransaction(async () => {
        if (!(await this.lockQueryForCall(queryId))) throw queryChanged();
        if (await this.calls.findActiveSession(queryId)) throw activeCall();
        const now = new Date();
        if (await this.calls.hasPendingRequest(queryId, now)) throw requestPending();
        // A pending request past its time that the scan has not reached yet gives way to the new one.
        await this.calls.expireRunOutRequests(queryId, now);
        return this.calls.createRequest(queryId, mode, message, expiresAt);
      })
      .catch((error: unknown) => {
        // Two racing requests both pass the check; the one-pending-request index refuses the second.
        throw isUniqueViolation(error) ? requestPending() : error;
      });
    this.events.requested(created);
    await this.notifications.notify(await this.handlers(query), requestedNotice(query, created));
    return toCallRequestDto(created);
  }

  async cancelRequest(queryId: string, actor: QueryActor, callRequestId?: string): Promise<CallRequestDto> {
    this.assertAvailable();
    await this.queries.findVisible(queryId, actor);
    const request = await this.pickRequest(queryId, callRequestId);
    const answered = await this.answer(request.id, 'CANCELLED', null, `The donor cancelled the ${callPhrase(request.mode)} request`);
    return this.afterAnswer(answered, request);
  }

  async rejectRequest(queryId: string, user: AuthUser, callRequestId?: string): Promise<CallRequestDto> {
    this.assertAvailable();
    await this.handledQuery(queryId, user);
    const request = await this.pickRequest(queryId, callRequestId);
    const answered = await this.answer(request.id, 'REJECTED', user.id, `The ${callPhrase(request.mode)} request was declined`);
    return this.afterAnswer(answered, request);
  }

  /** Accepts the pending request (once), then opens the room; on a provider failure the request waits again. */
  async acceptRequest(queryId: string, user: AuthUser, callRequestId?: string): Promise<CallSessionDto> {
    this.assertAvailable();
    const query = await this.handledQuery(queryId, user);
    const request = await this.pickRequest(queryId, callRequestId);
    if (request.status === 'PENDING' && (await this.calls.findActiveSession(queryId))) throw activeCall();
    const answered = await this.answer(request.id, 'ACCEPTED', user.id);
    if (!answered) throw requestNotPending();
    try {
      const session = await this.openRoom(query, user, request.mode, request.id);
      this.events.requestUpdated(answered.request);
      return session;
    } catch (error) {
      const superseded = await this.undoAccept(queryId, user, request.id);
      if (superseded) this.events.requestUpdated(superseded);
      throw error;
    }
  }

  /** An admin calls the donor without a request. */
  async start(queryId: string, user: AuthUser, mode: CallMode): Promise<CallSessionDto> {
    this.assertAvailable();
    const query = await this.handledQuery(queryId, user);
    if (await this.calls.findActiveSession(queryId)) throw activeCall();
    return this.openRoom(query, user, mode);
  }

  /** The active call of a query, with the caller's own token (the donor's, or the admin's). */
  async active(queryId: string, actor: QueryActor): Promise<CallSessionDto> {
    this.assertAvailable();
    const query = await this.queries.findVisible(queryId, actor);
    const session = await this.calls.findActiveSession(queryId);
    if (!session) throw notFound('Active call');
    if (actor.kind === 'donor') return toCallSessionDto(session, 'donor');
    // The owner token goes only to the admin on the call or whoever may handle the query.
    const onCall = session.adminId === actor.user.id || mayHandle(query, actor.user);
    return toCallSessionDto(session, onCall ? 'admin' : 'none');
  }

  async setStatus(roomName: string, actor: QueryActor, status: 'STARTED' | 'ENDED'): Promise<CallSessionDto> {
    this.assertAvailable();
    const session = await this.calls.findSessionByRoom(roomName);
    if (!session) throw notFound('Call');
    const query = await this.queries.findVisible(session.queryId, actor);
    if (actor.kind === 'staff' && session.adminId !== actor.user.id && !mayHandle(query, actor.user)) {
      throw forbidden('Only the admin on the call, the assignee or a SUPER_ADMIN may change it');
    }
    const now = new Date();
    const label = modeLabel(session.mode);
    const moved =
      status === 'STARTED'
        ? await this.moveSession(session.id, SESSION_TRANSITIONS.STARTED, { status, startedAt: now }, (s) => ({
            messageType: 'CALL_STARTED',
            callMode: s.mode,
            content: `${label} started`,
          }))
        : await this.moveSession(
            session.id,
            SESSION_TRANSITIONS.ENDED,
            { status, endedAt: now, durationSeconds: durationSeconds(session.startedAt, now) },
            endedNote,
          );
    if (!moved)
      throw conflict(
        'INVALID_CALL_STATE',
        `The call is ${(await this.calls.findSessionByRoom(roomName))?.status ?? session.status} and cannot become ${status}`,
      );
    if (status === 'ENDED') await this.video.deleteRoom(roomName);
    this.events.status(moved.session);
    this.queries.publishMessage(query, moved.message);
    return toCallSessionDto(moved.session, actor.kind === 'donor' ? 'donor' : 'admin');
  }

  /**
   * Expires requests nobody answered in time: EXPIRED, a SYSTEM message and a missed-call
   * notification. Conditional per request, so concurrent scans expire each one once.
   */
  async expireOverdue(now = new Date()): Promise<number> {
    let expired = 0;
    for (const due of await this.calls.findExpiredRequests(now, EXPIRY_BATCH)) {
      const query = await this.queries.findById(due.queryId);
      // A request left on a closed query expires quietly: nobody missed a call on a query that is over.
      const open = query !== null && isOpen(query.status);
      const result = await this.db.withTransaction(async () => {
        const request = await this.calls.expireRequest(due.id);
        if (!request) return null;
        const message = open
          ? await this.queries.recordSystemMessage({
              queryId: request.queryId,
              content: `Missed ${callPhrase(due.mode)} request: nobody answered in time`,
              callMode: request.mode,
            })
          : undefined;
        return { request, message };
      });
      if (!result) continue;
      expired += 1;
      this.events.requestUpdated(result.request);
      if (!query || !open || !result.message) continue;
      this.queries.publishMessage(query, result.message);
      await this.notifications.notify(await this.handlers(query), {
        type: 'call.missed',
        title: `Missed ${callPhrase(due.mode)} request from ${query.donor}`,
        body: due.message ?? 'Nobody answered the call request in time',
        data: { queryId: query.id, callRequestId: due.id },
      });
    }
    return expired;
  }

  /** Answers a request (once) and, with `note`, records it on the query, in one transaction; null when it was no longer pending. */
  private answer(
    id: string,
    status: 'ACCEPTED' | 'REJECTED' | 'CANCELLED',
    adminId: string | null,
    note?: string,
  ): Promise<{ request: CallRequest; message?: DonorMessage } | null> {
    return this.db.withTransaction(async () => {
      const request = await this.calls.answerRequest(id, status, adminId);
      if (!request) return null;
      const message = note ? await this.queries.recordSystemMessage({ queryId: request.queryId, content: note }) : undefined;
      return { request, message };
    });
  }

  /**
   * After an accept whose room could not be opened, under the query's lock: the request waits again,
   * unless the donor sent a newer one while the room was being asked for; that one keeps waiting and
   * this one is superseded (the query has one pending request). Only while the query still allows it:
   * a closed query keeps no pending request. The superseded request, for the caller to announce.
   */
  private undoAccept(queryId: string, user: AuthUser, requestId: string): Promise<CallRequest | null> {
    return this.db.withTransaction(async () => {
      if (!(await this.lockQueryForCall(queryId, user))) return null;
      const status = (await this.calls.hasAnyPendingRequest(queryId)) ? SUPERSEDED : 'PENDING';
      const request = await this.calls.unanswerRequest(requestId, REQUEST_TRANSITIONS[status], status);
      return request?.status === SUPERSEDED ? request : null;
    });
  }

  /** Moves a session from one of `from` and records the call's message on the query, in one transaction (the caller's when open). */
  private moveSession(
    id: string,
    from: readonly CallSessionStatus[],
    data: { status: CallSessionStatus; startedAt?: Date; endedAt?: Date; durationSeconds?: number },
    note: (session: CallSession) => CallNote,
  ): Promise<{ session: CallSession; message: DonorMessage } | null> {
    return this.db.withTransaction(async () => {
      const session = await this.calls.moveSession(id, from, data);
      if (!session) return null;
      const message = await this.queries.recordSystemMessage({ queryId: session.queryId, ...note(session), callSessionId: session.id });
      return { session, message };
    });
  }

  private async openRoom(query: DonorQuery, user: AuthUser, mode: CallMode, callRequestId?: string): Promise<CallSessionDto> {
    const expiresAt = new Date(Date.now() + this.config.donorDesk.callTokenTtlSeconds * 1000);
    const roomName = `cx-${query.id.slice(0, 8)}-${randomBytes(4).toString('hex')}`;
    const admin = await this.users.getSummary(user.id);
    const room = await this.video.createRoom({ name: roomName, mode, expiresAt });
    let created: { session: CallSession; message: DonorMessage };
    try {
      const [adminToken, userToken] = await Promise.all([
        this.video.createMeetingToken({ roomName: room.name, userName: admin?.name ?? 'Support', isOwner: true, expiresAt }),
        this.video.createMeetingToken({ roomName: room.name, userName: query.donor, isOwner: false, expiresAt }),
      ]);
      const data = { queryId: query.id, adminId: user.id, callRequestId, roomName: room.name, roomUrl: room.url, mode, adminToken, userToken, expiresAt };
      const note = `${admin?.name ?? 'An admin'} opened ${withArticle(callPhrase(mode))}`;
      created = await this.db
        .withTransaction(async () => {
          if (!(await this.lockQueryForCall(query.id, user))) throw queryChanged();
          if (await this.calls.findActiveSession(query.id)) throw activeCall();
          const session = await this.calls.createSession(data);
          const message = await this.queries.recordSystemMessage({ queryId: query.id, content: note, callMode: mode, callSessionId: session.id });
          return { session, message };
        })
        .catch((error: unknown) => {
          // Two racing creations both pass the check; the one-active-session index refuses the second.
          throw isUniqueViolation(error) ? activeCall() : error;
        });
    } catch (error) {
      // Refused or failed: the room is not used.
      await this.video.deleteRoom(room.name);
      throw error;
    }
    this.events.accepted(created.session);
    this.queries.publishMessage(query, created.message);
    return toCallSessionDto(created.session, 'admin');
  }

  /**
   * The calls' part in a query's state change, inside its transaction. Resolve and the donor's close
   * end the active call and cancel a pending request; after the commit the donor and the admin hear
   * it and the room is deleted. A transfer is refused while a call is active: the admin on it (or a
   * SUPER_ADMIN) ends it first, so nobody is cut off by a reassignment; a pending request stays and
   * its receiver is told.
   */
  private async onQueryMove({ queryId, move, at }: QueryMoveContext): Promise<AfterMove | undefined> {
    if (move === 'transfer') {
      if (await this.calls.hasActiveSession(queryId)) throw callInProgress();
      const pending = await this.calls.findPendingRequest(queryId, at);
      if (!pending) return undefined;
      return async (query) => {
        if (query.assignedToId) await this.notifications.notify([query.assignedToId], requestedNotice(query, pending));
      };
    }
    const ended: { session: CallSession; message: DonorMessage }[] = [];
    for (const session of await this.calls.lockActiveSessions(queryId)) {
      const data = { status: 'ENDED' as const, endedAt: at, durationSeconds: durationSeconds(session.startedAt, at) };
      const moved = await this.moveSession(session.id, SESSION_TRANSITIONS.ENDED, data, endedNote);
      if (moved) ended.push(moved);
    }
    const cancelled: { request: CallRequest; message: DonorMessage }[] = [];
    for (const request of await this.calls.cancelPendingRequests(queryId, at)) {
      const content = `The ${callPhrase(request.mode)} request was cancelled with the query`;
      cancelled.push({ request, message: await this.queries.recordSystemMessage({ queryId, content, callMode: request.mode }) });
    }
    if (!ended.length && !cancelled.length) return undefined;
    return async (query) => {
      for (const { session, message } of ended) {
        this.events.status(session);
        this.queries.publishMessage(query, message);
      }
      for (const { request, message } of cancelled) {
        this.events.requestUpdated(request);
        this.queries.publishMessage(query, message);
      }
      await Promise.all(ended.map(({ session }) => this.video.deleteRoom(session.roomName)));
    };
  }

  /**
   * Inside a call write's transaction: locks the query (no resolve, transfer or close passes until the
   * write commits) and says whether it still allows the write: open, and, with `user`, still handled by them.
   */
  private async lockQueryForCall(queryId: string, user?: AuthUser): Promise<boolean> {
    const query = await this.queries.lockForCall(queryId);
    return query !== null && isOpen(query.status) && (user === undefined || mayHandle(query, user));
  }

  private async afterAnswer(answered: { request: CallRequest; message?: DonorMessage } | null, request: CallRequest): Promise<CallRequestDto> {
    if (!answered) throw requestNotPending();
    this.events.requestUpdated(answered.request);
    const query = answered.message ? await this.queries.findById(request.queryId) : null;
    if (query && answered.message) this.queries.publishMessage(query, answered.message);
    return toCallRequestDto(answered.request);
  }

  private async pickRequest(queryId: string, callRequestId?: string): Promise<CallRequest> {
    const request = callRequestId ? await this.calls.findRequest(callRequestId, queryId) : await this.calls.latestRequest(queryId);
    if (!request) throw notFound('Call request');
    return request;
  }

  /** The query, when the admin may run its calls: open, and handled by them (or a SUPER_ADMIN). */
  private async handledQuery(queryId: string, user: AuthUser): Promise<DonorQuery> {
    const query = await this.queries.findVisible(queryId, { kind: 'staff', user });
    if (!isOpen(query.status)) throw conflict('INVALID_QUERY_STATE', 'The query is closed');
    if (!query.assignedToId && user.role !== 'SUPER_ADMIN') throw conflict('INVALID_QUERY_STATE', 'Accept the query before calling the donor');
    if (!mayHandle(query, user)) throw forbidden('Only the assigned admin or a SUPER_ADMIN may handle calls on this query');
    return query;
  }

  /** Who hears about a query's calls: its assignee, or every active admin while nobody holds it. */
  private async handlers(query: DonorQuery): Promise<string[]> {
    return query.assignedToId ? [query.assignedToId] : this.users.listActiveIdsWithRoles(ADMIN_ROLES);
  }

  private assertAvailable(): void {
    if (!this.video.available) throw videoUnavailable();
  }
}

/** What the admins who handle a query hear of a call request. */
function requestedNotice(query: Pick<DonorQuery, 'id' | 'donor'>, request: Pick<CallRequest, 'id' | 'mode' | 'message'>): NewNotification {
  return {
    type: 'call.requested',
    title: `${query.donor} requests ${withArticle(callPhrase(request.mode))}`,
    body: request.message ?? 'The donor would like to talk',
    data: { queryId: query.id, callRequestId: request.id, mode: request.mode },
  };
}
