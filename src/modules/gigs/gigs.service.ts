import { HttpStatus, Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppError, conflict, forbidden, notFound } from '../../common/http/app-error.js';
import { pageArgs, toPage, type Page } from '../../common/pagination/pagination.js';
import { AppConfig } from '../../config/app-config.js';
import { RealtimeService } from '../../infra/realtime/realtime.service.js';
import { type NewNotification, NotificationsService } from '../notifications/index.js';
import type { ActivityDto, ActivityResponseDto, CreateReviewDto, GigResponseDto, ListGigsQueryDto, PickSlotsDto, ReviewResponseDto } from './dto/gig.dto.js';
import { gigScopeOf } from './gig-scope.js';
import { toGigDto, toReviewDto } from './gigs.mapper.js';
import { GigsRepository, type GigRow } from './gigs.repository.js';
import { ReviewsService } from '../reviews/index.js';
import { activityTransition, summarizeActivity, withinWindowOrGrace, type WorkWindow } from './work-activity.js';

@Injectable()
export class GigsService {
  constructor(
    private readonly gigs: GigsRepository,
    private readonly realtime: RealtimeService,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
    private readonly reviewsService: ReviewsService,
  ) {}

  async list(user: AuthUser, query: ListGigsQueryDto): Promise<Page<GigResponseDto>> {
    const { items, total } = await this.gigs.list(gigScopeOf(user), { status: query.status }, pageArgs(query));
    const present = await this.presenter(items);
    return toPage(items, total, query, present);
  }

  async get(user: AuthUser, id: string): Promise<GigResponseDto> {
    return this.present(await this.find(user, id));
  }

  async pickSlots(user: AuthUser, id: string, dto: PickSlotsDto): Promise<GigResponseDto> {
    const outcome = await this.gigs.pickSlots(id, user.id, dto.slotIds);
    switch (outcome) {
      case 'NOT_FOUND':
        throw notFound('Gig');
      case 'NOT_ACTIVE':
        throw conflict('INVALID_STATE', 'The gig is completed');
      case 'UNKNOWN_SLOT':
        throw notFound("Schedule slot of this gig's opportunity");
      case 'ALREADY_PICKED':
        throw conflict('SLOT_ALREADY_PICKED', 'You already work one of these slots');
      case 'SLOT_STARTED':
        throw conflict('SLOT_STARTED', 'One of these slots has already started');
      case 'SLOT_FULL':
        throw conflict('SLOT_FULL', 'One of these slots has no seat left');
      case 'OVERLAP':
        throw conflict('SLOT_OVERLAP', 'These slots overlap each other or slots you already work');
    }
    await this.notifyOther(outcome, user.id, { type: 'gig.slots_picked', title: 'Work slots picked', body: 'The agent picked their work slots', data: { gigId: id, slotIds: dto.slotIds.join(',') } });
    return this.present(outcome);
  }

  async recordActivity(user: AuthUser, id: string, dto: ActivityDto): Promise<ActivityResponseDto> {
    const { from, to } = activityTransition(dto.type);
    const outcome = await this.gigs.recordActivity(id, user.id, dto.type, from, to, this.graceMs);
    if (outcome === 'NOT_FOUND') throw notFound('Gig');
    if (outcome === 'NOT_ACTIVE') throw conflict('INVALID_STATE', 'The gig is completed');
    if (outcome === 'NO_WORK_SLOTS') throw conflict('NO_WORK_SLOTS', 'Pick your work slots before logging in');
    if (outcome === 'INVALID_TRANSITION') throw conflict('INVALID_TRANSITION', `${dto.type} is not allowed now (expected the agent to be ${from.join(' or ')})`);
    if ('refused' in outcome) throw this.outsideWorkSlot(outcome.window, outcome.upcoming);
    const gig = await this.find(user, id);
    const activity = { gigId: id, activity: dto.type, automatic: false, at: new Date().toISOString() };
    for (const userId of [gig.agent.userId, gig.client.userId].filter((party) => party !== user.id)) this.realtime.toUser(userId, 'gig:activity', activity);
    return this.activityOf(gig);
  }

  async activity(user: AuthUser, id: string): Promise<ActivityResponseDto> {
    return this.activityOf(await this.find(user, id));
  }

  /** The sweep's step for sessions left open after their slot and its grace; returns how many it closed. */
  async closeWorkAfterSlots(now = new Date()): Promise<number> {
    let closed = 0;
    for (const gig of await this.gigs.findOpenWork()) {
      if (withinWindowOrGrace(gig.workSlots, now, this.graceMs)) continue;
      if (!(await this.gigs.closeWork(gig.id, now))) continue;
      closed += 1;
      for (const userId of [gig.agent.userId, gig.client.userId]) {
        this.realtime.toUser(userId, 'gig:activity', { gigId: gig.id, activity: 'LOGOUT', automatic: true, at: now.toISOString() });
      }
    }
    return closed;
  }

  async complete(user: AuthUser, id: string): Promise<GigResponseDto> {
    const outcome = await this.gigs.complete(id, gigScopeOf(user));
    switch (outcome) {
      case 'NOT_FOUND':
        throw notFound('Gig');
      case 'NOT_ACTIVE':
        throw conflict('INVALID_STATE', 'The gig is already completed');
      case 'WORKING':
        throw conflict('AGENT_LOGGED_IN', 'The agent must log out first');
      case 'WORK_OPEN':
        throw conflict('WORK_OPEN', 'A submission still awaits review or rework');
      case 'NO_APPROVED_WORK':
        throw conflict('NO_APPROVED_WORK', 'A gig completes only with approved work');
      case 'UNPAID':
        throw conflict('PAYMENT_PENDING', 'Approved work must be paid before completing');
      case 'DISPUTED':
        throw conflict('DISPUTE_OPEN', 'Resolve the open dispute first');
    }
    await this.notifyOther(outcome, user.id, { type: 'gig.completed', title: 'Gig completed', body: 'The gig was marked completed', data: { gigId: id } });
    return this.present(outcome);
  }

  async review(user: AuthUser, id: string, dto: CreateReviewDto): Promise<ReviewResponseDto> {
    const gig = await this.find(user, id);
    const isAgent = gig.agent.userId === user.id;
    if (!isAgent && gig.client.userId !== user.id) throw forbidden('Only the agent and the client of a gig review it');
    if ((await this.gigs.countApproved(id)) === 0) throw conflict('NO_APPROVED_WORK', 'Reviews open once work is approved');
    const review = await this.reviewsService.add({
      gigId: id,
      authorId: user.id,
      subjectId: isAgent ? gig.client.userId : gig.agent.userId,
      direction: isAgent ? 'AGENT_TO_CLIENT' : 'CLIENT_TO_AGENT',
      rating: dto.rating,
      comment: dto.comment,
    });
    if (!review) throw conflict('ALREADY_REVIEWED', 'You already reviewed this gig');
    const published = review.publishedAt !== null;
    await this.notifyOther(gig, user.id, {
      type: 'gig.reviewed',
      title: 'New review',
      body: published ? 'You were reviewed; both reviews are now visible' : 'You were reviewed; it shows once you review too or the review window closes',
      data: { gigId: id, published },
    });
    return toReviewDto(review);
  }

  /** Double-blind: a party sees its own review and the other side's only once published. */
  async reviews(user: AuthUser, id: string): Promise<ReviewResponseDto[]> {
    await this.find(user, id);
    return (await this.reviewsService.forGig(id, { userId: user.id, role: user.role })).map(toReviewDto);
  }

  private async present(gig: GigRow): Promise<GigResponseDto> {
    return (await this.presenter([gig]))(gig);
  }

  /** Maps gigs with both parties' ratings (one query per side for the whole page). */
  private async presenter(gigs: GigRow[]): Promise<(gig: GigRow) => GigResponseDto> {
    const [agents, clients] = await Promise.all([
      this.reviewsService.agentRatings(gigs.map((g) => g.agentId)),
      this.reviewsService.clientRatings(gigs.map((g) => g.clientId)),
    ]);
    return (gig) => toGigDto(gig, { agent: agents.of(gig.agentId), client: clients.of(gig.clientId) });
  }

  private async activityOf(gig: GigRow): Promise<ActivityResponseDto> {
    const entries = await this.gigs.activities(gig.id);
    return { entries: entries.map((e) => ({ id: e.id, type: e.type, occurredAt: e.occurredAt })), summary: summarizeActivity(entries, gig.workSlots) };
  }

  private get graceMs(): number {
    return this.config.gigs.loginGraceMinutes * 60_000;
  }

  /** 409 naming the slot the agent may log in to next (or the last one, when none is left). */
  private outsideWorkSlot(window: WorkWindow | null, upcoming: boolean): AppError {
    const grace = this.config.gigs.loginGraceMinutes;
    const rule = `Log in only during one of your picked work slots (from ${grace} minutes before it starts until it ends)`;
    if (!window) return new AppError(HttpStatus.CONFLICT, 'OUTSIDE_WORK_SLOT', rule);
    const span = `${window.startsAt.toISOString()} – ${window.endsAt.toISOString()}`;
    const message = `${rule}: ${upcoming ? `your next slot is ${span}` : `your last slot was ${span}`}`;
    return new AppError(HttpStatus.CONFLICT, 'OUTSIDE_WORK_SLOT', message, [
      {
        field: 'type',
        message,
        startsAt: window.startsAt.toISOString(),
        endsAt: window.endsAt.toISOString(),
        loginFrom: new Date(window.startsAt.getTime() - this.graceMs).toISOString(),
      },
    ]);
  }

  private async find(user: AuthUser, id: string): Promise<GigRow> {
    const gig = await this.gigs.find(id, gigScopeOf(user));
    if (!gig) throw notFound('Gig');
    return gig;
  }

  private notifyOther(gig: GigRow, actorId: string, notification: NewNotification): Promise<void> {
    return this.notifications.notify(
      [gig.agent.userId, gig.client.userId].filter((id) => id !== actorId),
      notification,
    );
  }
}
