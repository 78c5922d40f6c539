import { HttpStatus, Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppError, conflict, forbidden, notFound } from '../../common/http/app-error.js';
import { pageArgs, toPage, type Page } from '../../common/pagination/pagination.js';
import { AppConfig } from '../../config/app-config.js';
import type { ActivityType } from '../../generated/prisma/enums.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { RealtimeService } from '../../infra/realtime/realtime.service.js';
import { AgentsService } from '../agents/index.js';
import { ClientsService } from '../clients/index.js';
import { type NewNotification, NotificationsService } from '../notifications/index.js';
import type { ActivityDto, ActivityResponseDto, CreateReviewDto, GigResponseDto, ListGigsQueryDto, PickSlotsDto, ReviewResponseDto } from './dto/gig.dto.js';
import { gigScopeOf } from './gig-scope.js';
import { toGigDto, toReviewDto } from './gigs.mapper.js';
import { GigsRepository, type GigRow } from './gigs.repository.js';
import { ReviewsService } from '../reviews/index.js';
import { GIG_MACHINE, WORK_MACHINE } from './gig-machines.js';
import { canApply, isFinal, targetOf } from './state-machine.js';
import { activityTransition, checkLogin, summarizeActivity, withinWindowOrGrace, type WorkWindow } from './work-activity.js';

@Injectable()
export class GigsService {
  constructor(
    private readonly gigs: GigsRepository,
    private readonly realtime: RealtimeService,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
    private readonly reviewsService: ReviewsService,
    private readonly agents: AgentsService,
    private readonly clients: ClientsService,
    private readonly db: TransactionHost,
  ) {}

  async list(user: AuthUser, query: ListGigsQueryDto): Promise<Page<GigResponseDto>> {
    const { items, total } = await this.gigs.list(gigScopeOf(user), { status: query.status }, pageArgs(query));
    const present = await this.presenter(items);
    return toPage(items, total, query, present);
  }

  async get(user: AuthUser, id: string): Promise<GigResponseDto> {
    return this.present(await this.find(user, id));
  }

  /**
   * Books schedule slots for the gig's agent, in one transaction. The agent's profile row is locked
   * first (agents module), so one agent's concurrent picks run one after the other (no overlap can
   * slip in between), then the slots in id order (clients module), so two agents racing for the last
   * seat of a slot cannot both get it, nor deadlock. Each booked slot's seat is the clients module's write.
   */
  async pickSlots(user: AuthUser, id: string, dto: PickSlotsDto): Promise<GigResponseDto> {
    const row = await this.db.withTransaction(async () => {
      const gig = await this.gigs.findForAgent(id, user.id);
      if (!gig) throw notFound('Gig');
      if (isFinal(GIG_MACHINE, gig.status)) throw conflict('INVALID_STATE', 'The gig is completed');
      await this.agents.lockProfile(gig.agentId);
      const ids = [...new Set(dto.slotIds)].sort();
      const slots = await this.clients.lockSlots(gig.opportunityId, ids);
      if (slots.length !== ids.length) throw notFound("Schedule slot of this gig's opportunity");
      if ((await this.gigs.countPicked(id, ids)) > 0) throw conflict('SLOT_ALREADY_PICKED', 'You already work one of these slots');
      if (slots.some((s) => s.startsAt <= new Date())) throw conflict('SLOT_STARTED', 'One of these slots has already started');
      if (slots.some((s) => s.filledCount >= s.capacity)) throw conflict('SLOT_FULL', 'One of these slots has no seat left');
      const overlapsEachOther = slots.some((a, i) => slots.some((b, j) => i !== j && a.startsAt < b.endsAt && b.startsAt < a.endsAt));
      if (overlapsEachOther || (await this.gigs.countBookedOverlapping(gig.agentId, slots)) > 0) {
        throw conflict('SLOT_OVERLAP', 'These slots overlap each other or slots you already work');
      }
      for (const slot of slots) {
        await this.gigs.addWorkSlot({ gigId: id, slotId: slot.id, agentId: gig.agentId, startsAt: slot.startsAt, endsAt: slot.endsAt });
        await this.clients.takeSlotSeats([slot.id]);
      }
      return this.gigs.findRow(id);
    });
    await this.notifyOther(row, user.id, {
      type: 'gig.slots_picked',
      title: 'Work slots picked',
      body: 'The agent picked their work slots',
      data: { gigId: id, slotIds: dto.slotIds.join(',') },
    });
    return this.present(row);
  }

  /**
   * One step of the activity machine, in one transaction: the state moves only from `from`, so racing
   * steps cannot both land. LOGIN is accepted only inside a picked slot (from the grace before it starts).
   */
  async recordActivity(user: AuthUser, id: string, dto: ActivityDto): Promise<ActivityResponseDto> {
    const { from, to } = activityTransition(dto.type);
    await this.db.withTransaction(async () => {
      const found = await this.gigs.findForAgent(id, user.id);
      if (!found) throw notFound('Gig');
      if (isFinal(GIG_MACHINE, found.status)) throw conflict('INVALID_STATE', 'The gig is completed');
      if (dto.type === 'LOGIN') {
        const windows = await this.gigs.workWindows(id);
        if (windows.length === 0) throw conflict('NO_WORK_SLOTS', 'Pick your work slots before logging in');
        const login = checkLogin(windows, new Date(), this.graceMs);
        if (!login.allowed) throw this.outsideWorkSlot(login.window, login.upcoming);
      }
      if (!(await this.gigs.moveWorkState(id, from, to)))
        throw conflict('INVALID_TRANSITION', `${dto.type} is not allowed now (expected the agent to be ${from.join(' or ')})`);
      await this.gigs.logActivity(id, dto.type);
    });
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
      if (!(await this.closeWork(gig.id, now))) continue;
      closed += 1;
      for (const userId of [gig.agent.userId, gig.client.userId]) {
        this.realtime.toUser(userId, 'gig:activity', { gigId: gig.id, activity: 'LOGOUT', automatic: true, at: now.toISOString() });
      }
    }
    return closed;
  }

  /**
   * The sweep's `window-closed` step, in one transaction on the locked gig row: ends the session of a
   * gig whose agent is still logged in, with the entries the routes would write (BREAK_END when on a
   * break, then LOGOUT). False when the agent logged out (or the gig closed) meanwhile, so of two
   * racing sweeps only one writes the entries.
   */
  private closeWork(gigId: string, now: Date): Promise<boolean> {
    return this.db.withTransaction(async () => {
      const gig = await this.gigs.lockStatesIfAny(gigId);
      if (!gig || isFinal(GIG_MACHINE, gig.status) || !canApply(WORK_MACHINE, gig.workState, 'window-closed')) return false;
      // Entries one millisecond apart keep their order in the log.
      const steps: ActivityType[] = gig.workState === 'ON_BREAK' ? ['BREAK_END', 'LOGOUT'] : ['LOGOUT'];
      for (const [i, type] of steps.entries()) await this.gigs.logActivity(gigId, type, new Date(now.getTime() + i));
      await this.gigs.setWorkState(gigId, targetOf(WORK_MACHINE, 'window-closed'));
      return true;
    });
  }

  /**
   * ACTIVE → COMPLETED, in one transaction on the locked gig row, when the requirements of `complete`
   * hold: the agent is offline, every submission is decided, some work was approved and all of it is
   * settled, no dispute is open.
   */
  async complete(user: AuthUser, id: string): Promise<GigResponseDto> {
    const row = await this.db.withTransaction(async () => {
      if (!(await this.gigs.findInScope(id, gigScopeOf(user)))) throw notFound('Gig');
      const gig = await this.gigs.lockStates(id);
      if (!canApply(GIG_MACHINE, gig.status, 'complete')) throw conflict('INVALID_STATE', 'The gig is already completed');
      if (!isFinal(WORK_MACHINE, gig.workState)) throw conflict('AGENT_LOGGED_IN', 'The agent must log out first');
      if ((await this.gigs.countOpenSubmissions(id)) > 0) throw conflict('WORK_OPEN', 'A submission still awaits review or rework');
      if ((await this.gigs.countApproved(id)) === 0) throw conflict('NO_APPROVED_WORK', 'A gig completes only with approved work');
      if ((await this.gigs.countUnpaidApproved(id)) > 0) throw conflict('PAYMENT_PENDING', 'Approved work must be paid before completing');
      if ((await this.gigs.countOpenDisputes(id)) > 0) throw conflict('DISPUTE_OPEN', 'Resolve the open dispute first');
      await this.gigs.markStatus(id, targetOf(GIG_MACHINE, 'complete'), new Date());
      return this.gigs.findRow(id);
    });
    await this.notifyOther(row, user.id, { type: 'gig.completed', title: 'Gig completed', body: 'The gig was marked completed', data: { gigId: id } });
    return this.present(row);
  }

  async review(user: AuthUser, id: string, dto: CreateReviewDto): Promise<ReviewResponseDto> {
    const gig = await this.find(user, id);
    const isAgent = gig.agent.userId === user.id;
    if (!isAgent && gig.client.userId !== user.id) throw forbidden('Only the agent and the client of a gig review it');
    if ((await this.gigs.countApproved(id)) === 0) throw conflict('NO_APPROVED_WORK', 'Reviews open once work is approved');
    // The gig's row lock orders the two sides' reviews, so both see each other and publish together.
    const review = await this.db.withTransaction(async () => {
      await this.gigs.lock(id);
      return this.reviewsService.add({
        gigId: id,
        authorId: user.id,
        subjectId: isAgent ? gig.client.userId : gig.agent.userId,
        direction: isAgent ? 'AGENT_TO_CLIENT' : 'CLIENT_TO_AGENT',
        rating: dto.rating,
        comment: dto.comment,
      });
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
