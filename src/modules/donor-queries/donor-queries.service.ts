import { HttpStatus, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { DonorQuery, Prisma } from '../../generated/prisma/client.js';
import type { CallMode, DonorMessageType, DonorQueryStatus } from '../../generated/prisma/enums.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { GuestCredentials } from '../../common/auth/guest-credentials.js';
import { ADMIN_ROLES } from '../../common/auth/roles.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../common/http/app-error.js';
import { Page, pageArgs, PaginationQueryDto, toPage } from '../../common/pagination/pagination.js';
import { AppConfig } from '../../config/app-config.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { NotificationsService } from '../notifications/index.js';
import { UsersService } from '../users/index.js';
import { DonorQueryEvents } from './donor-queries.events.js';
import { ChangedQuery, DonorQueriesRepository, type KeyedSender, type QueryUpdate } from './donor-queries.repository.js';
import { generateDonorToken, hashDonorToken, looksLikeDonorToken, sameSecret } from './donor-token.js';
import { DonorMessageDto, DonorMessagePageDto, type DonorMessageFields, MessageHistoryQueryDto, toDonorMessageDto } from './dto/donor-message.dto.js';
import {
  CreateDonorQueryDto,
  CreatedDonorQueryDto,
  DonorQueryDto,
  DonorQueryPublicDto,
  ListDonorQueriesQueryDto,
  TransferDonorQueryDto,
  toDonorQueryPublicDto,
  toDonorQueryDto,
} from './dto/donor-query.dto.js';
import { replayOf } from './idempotent-replay.js';
import { actorMaySee, QueryActor } from './query-actor.js';
import { buildHandoverSummary } from './handover-summary.js';
import type { AfterMove, QueryMove, QueryMoveStep } from './query-move-steps.js';
import { canTransition, isOpen, mayHandle, QUERY_TRANSITIONS } from './query-state.js';

/** A SYSTEM message another module records on a query. */
export interface SystemMessage {
  queryId: string;
  content: string;
  messageType?: DonorMessageType;
  callMode?: CallMode;
  callSessionId?: string;
}

/** A state change of a query: the condition it still needs, the columns it writes and the SYSTEM message recording it. */
interface StateChange {
  where: Prisma.DonorQueryWhereInput;
  data: QueryUpdate;
  systemMessage: string;
}

const queryNotFound = () => notFound('Donor query');
const invalidState = (message: string) => conflict('INVALID_QUERY_STATE', message);

/** The donor query lifecycle: creation with a donor token, accept, transfer, resolve, donor close, reopen. */
@Injectable()
export class DonorQueriesService implements OnModuleInit {
  private readonly logger = new Logger(DonorQueriesService.name);
  private readonly moveSteps: QueryMoveStep[] = [];

  constructor(
    private readonly queries: DonorQueriesRepository,
    private readonly events: DonorQueryEvents,
    private readonly notifications: NotificationsService,
    private readonly users: UsersService,
    private readonly guests: GuestCredentials,
    private readonly config: AppConfig,
    private readonly db: TransactionHost,
  ) {}

  onModuleInit(): void {
    this.guests.register('query', async (token) => {
      if (!looksLikeDonorToken(token)) return undefined;
      const query = await this.queries.findIdByTokenHash(hashDonorToken(token));
      return query ? { kind: 'query', scopeId: query.id } : undefined;
    });
  }

  async create(input: CreateDonorQueryDto, integrationKey: string | undefined): Promise<CreatedDonorQueryDto> {
    let source: 'PUBLIC' | 'INTEGRATION' = 'PUBLIC';
    if (integrationKey !== undefined) {
      if (!sameSecret(integrationKey, this.config.donorDesk.integrationApiKey)) {
        throw new AppError(HttpStatus.UNAUTHORIZED, 'INVALID_API_KEY', 'The integration API key is not valid');
      }
      source = 'INTEGRATION';
    }
    const token = generateDonorToken();
    const { message: content, ...fields } = input;
    const { query, message } = await this.queries.createWithFirstMessage({ ...fields, source, accessTokenHash: hashDonorToken(token) }, content);
    this.events.created(query);
    this.events.message(query, message);
    const admins = await this.users.listActiveIdsWithRoles(ADMIN_ROLES);
    await this.notifications.notify(admins, {
      type: 'query.new',
      title: 'New donor query',
      body: `${query.donor}${query.test ? ` about ${query.test}` : ''}: ${content.slice(0, 140)}`,
      data: { queryId: query.id },
    });
    return { query: toDonorQueryPublicDto(query), donorAccessToken: token };
  }

  async get(id: string, actor: QueryActor): Promise<DonorQueryDto | DonorQueryPublicDto> {
    const query = await this.findVisible(id, actor);
    return actor.kind === 'staff' ? toDonorQueryDto(query) : toDonorQueryPublicDto(query);
  }

  async list(user: AuthUser, filter: ListDonorQueriesQueryDto): Promise<Page<DonorQueryDto>> {
    const { skip, take } = pageArgs(filter);
    const { rows, total } = await this.queries.list({ status: filter.status, ...(filter.mine ? { assignedToId: user.id } : {}) }, skip, take);
    return toPage(rows, total, filter, toDonorQueryDto);
  }

  async listWaiting(filter: PaginationQueryDto): Promise<Page<DonorQueryDto>> {
    const { skip, take } = pageArgs(filter);
    const { rows, total } = await this.queries.listWaiting(skip, take);
    return toPage(rows, total, filter, toDonorQueryDto);
  }

  /** Takes a waiting query; `id` null takes the oldest one in the queue. */
  async accept(id: string | null, user: AuthUser): Promise<DonorQueryDto> {
    if (id !== null) await this.findVisible(id, { kind: 'staff', user });
    const name = await this.nameOf(user.id);
    const cap = this.config.donorDesk.maxOpenQueriesPerAdmin;
    const taken = () => (id === null ? notFound('Waiting donor query') : invalidState('The query was already accepted or is no longer open'));
    // The admin's accepts are serialised (two cannot both pass the cap); the query is taken with a
    // conditional update (two admins cannot both take it), the queue's oldest first, skipping the rows
    // another accept is taking.
    const changed = await this.db.withTransaction(async () => {
      await this.queries.lockAdminDesk(user.id);
      if ((await this.queries.countOpenHeldBy(user.id)) >= cap) {
        throw conflict('OPEN_QUERY_CAP_REACHED', `You already hold ${cap} open queries; resolve or transfer one first`);
      }
      const queryId = id ?? (await this.queries.lockOldestWaiting());
      if (queryId === null || !(await this.queries.assignWaiting(queryId, user.id))) throw taken();
      return this.queries.addSystemMessage(queryId, `${name} accepted the query`);
    });
    return this.published(changed);
  }

  async resolve(id: string, user: AuthUser): Promise<DonorQueryDto> {
    const query = await this.findVisible(id, { kind: 'staff', user });
    this.assertTransition('resolve', query.status);
    if (!mayHandle(query, user)) throw forbidden('Only the assigned admin or a SUPER_ADMIN may resolve this query');
    const name = await this.nameOf(user.id);
    const changed = await this.move(id, 'resolve', (at) => ({
      where: { assignedToId: query.assignedToId },
      data: { status: 'RESOLVED', resolvedById: user.id, resolvedAt: at, waitingSince: null },
      systemMessage: `${name} resolved the query`,
    }));
    return toDonorQueryDto(changed.query);
  }

  async transfer(id: string, user: AuthUser, input: TransferDonorQueryDto): Promise<DonorQueryDto> {
    const query = await this.findVisible(id, { kind: 'staff', user });
    this.assertTransition('transfer', query.status);
    if (!mayHandle(query, user)) throw forbidden('Only the assigned admin or a SUPER_ADMIN may transfer this query');
    if (input.toUserId === user.id || input.toUserId === query.assignedToId) {
      throw badRequest('INVALID_TRANSFER_TARGET', 'A query cannot be transferred to yourself or to its current assignee');
    }
    const receiver = await this.users.findActiveWithRole(input.toUserId, ADMIN_ROLES);
    if (!receiver) throw badRequest('INVALID_TRANSFER_TARGET', 'A query can only be transferred to an active admin');
    const [fromName, recent, messageCount] = await Promise.all([this.nameOf(user.id), this.queries.recentDonorMessages(id, 3), this.queries.countMessages(id)]);
    const handoverSummary = input.handoverSummary ?? buildHandoverSummary(query, { fromName, note: input.note, recent, messageCount });
    // The note and the summary are for staff: the SYSTEM message, which the donor reads too, leaves them out.
    const changed = await this.move(id, 'transfer', () => ({
      where: { assignedToId: query.assignedToId },
      data: { status: 'TRANSFERRED', assignedToId: receiver.id, transferredToUserId: receiver.id, transferNote: input.note, handoverSummary },
      systemMessage: `${fromName} transferred the query to ${receiver.name}`,
    }));
    const dto = toDonorQueryDto(changed.query);
    await this.notifications.notify([receiver.id], {
      type: 'query.transferred',
      title: 'A donor query was transferred to you',
      body: `${fromName}: ${input.note}`.slice(0, 500),
      data: { queryId: id },
    });
    return dto;
  }

  async donorClose(id: string, actor: QueryActor): Promise<DonorQueryPublicDto> {
    const query = await this.findVisible(id, actor);
    this.assertTransition('donorClose', query.status);
    const result = await this.move(id, 'donorClose', (at) => ({
      where: {},
      data: { status: 'CLOSED_BY_DONOR', closedAt: at, waitingSince: null },
      systemMessage: 'The donor closed the query',
    }));
    if (result.query.assignedToId) {
      await this.notifications.notify([result.query.assignedToId], {
        type: 'query.closed_by_donor',
        title: 'A donor closed their query',
        body: `${result.query.donor} closed the query`,
        data: { queryId: id },
      });
    }
    return toDonorQueryPublicDto(result.query);
  }

  async messages(id: string, actor: QueryActor, page: MessageHistoryQueryDto): Promise<DonorMessagePageDto> {
    await this.findVisible(id, actor);
    const history = await this.queries.history(id, page.before, page.limit);
    if (!history) throw notFound('Message');
    return { items: history.items.map(toDonorMessageDto), nextCursor: history.more ? (history.items[0]?.id ?? null) : null };
  }

  /**
   * A donor may always write (a message on a closed query reopens it); staff write only on an open
   * query they handle. With an idempotency key, a retry returns the message the first request stored,
   * whatever happened to the query since, and changes, emits and notifies nothing.
   */
  async postMessage(id: string, actor: QueryActor, content: string, idempotencyKey?: string): Promise<DonorMessageDto> {
    let query = await this.findVisible(id, actor);
    const sender: KeyedSender = actor.kind === 'staff' ? { kind: 'STAFF', userId: actor.user.id } : { kind: 'DONOR' };
    if (idempotencyKey) {
      const stored = await this.queries.findMessageByKey(id, sender, idempotencyKey);
      if (stored) return toDonorMessageDto(replayOf(stored, content));
    }
    if (actor.kind === 'staff') {
      if (!isOpen(query.status)) throw invalidState('The query is closed');
      if (!query.assignedToId && actor.user.role !== 'SUPER_ADMIN') throw invalidState('Accept the query before replying');
      if (!mayHandle(query, actor.user)) throw forbidden('Only the assigned admin or a SUPER_ADMIN may reply on this query');
      const user = actor.user;
      const added = await this.queries.addMessage(
        id,
        { senderKind: 'STAFF', senderId: user.id, content, messageType: 'CHAT', idempotencyKey },
        'end',
        (current) => isOpen(current.status) && mayHandle(current, user),
      );
      if (!added) throw invalidState('The query was closed or reassigned meanwhile; reload it');
      if (added.replayed) return toDonorMessageDto(replayOf(added.message, content));
      this.events.message(added.query, added.message);
      return toDonorMessageDto(added.message);
    }
    if (canTransition('reopen', query.status)) {
      const reopened = await this.db.withTransaction(() =>
        this.changeState(id, QUERY_TRANSITIONS.reopen, {
          where: {},
          data: { status: 'IN_PROGRESS', resolvedById: null, resolvedAt: null, closedAt: null },
          systemMessage: 'The donor wrote again; the query is reopened',
        }),
      );
      if (reopened) query = this.publishedRow(reopened);
    }
    const added = await this.queries.addMessage(id, { senderKind: 'DONOR', content, messageType: 'CHAT', idempotencyKey }, 'start');
    if (!added) throw queryNotFound();
    if (added.replayed) return toDonorMessageDto(replayOf(added.message, content));
    const { query: updated, message } = added;
    this.events.message(updated, message);
    if (query.assignedToId) {
      await this.notifications.notify([query.assignedToId], {
        type: 'query.message',
        title: `New message from ${query.donor}`,
        body: content.slice(0, 200),
        data: { queryId: id, messageId: message.id },
      });
    }
    return toDonorMessageDto(message);
  }

  /** Marks the other side's messages read: a donor reads staff and system messages, staff read the donor's. */
  async markRead(id: string, actor: QueryActor): Promise<number> {
    await this.findVisible(id, actor);
    return this.queries.markRead(id, actor.kind === 'donor' ? ['STAFF', 'SYSTEM'] : ['DONOR']);
  }

  /** For the calls module: the query an actor may see (404 otherwise). */
  findVisible = async (id: string, actor: QueryActor): Promise<DonorQuery> => {
    if (!actorMaySee(actor, id)) throw queryNotFound();
    const query = await this.queries.findById(id);
    if (!query) throw queryNotFound();
    return query;
  };

  /** For the calls module: takes part in resolve, transfer and the donor's close (see `QueryMoveStep`). */
  addMoveStep(step: QueryMoveStep): void {
    this.moveSteps.push(step);
  }

  /**
   * For the calls module, inside its own transaction (`TransactionHost.withTransaction`): the query's
   * status and assignee, locked so that no resolve, transfer or close passes until that transaction
   * ends (null when missing).
   */
  lockForCall(id: string): Promise<Pick<DonorQuery, 'status' | 'assignedToId'> | null> {
    return this.queries.lockForShare(id);
  }

  /** For the calls module and jobs: a query by id, without an actor (null when missing). */
  findById(id: string): Promise<DonorQuery | null> {
    return this.queries.findById(id);
  }

  /**
   * Records another module's event on the query (a call opened, ended, missed or cancelled) as a
   * SYSTEM message, inside that module's transaction when one is open.
   */
  recordSystemMessage(data: SystemMessage) {
    return this.queries.createSystemMessage({ messageType: 'SYSTEM', ...data });
  }

  /** For the calls module: fans out a message it wrote on a query (call started/ended, missed call). */
  publishMessage(query: Pick<DonorQuery, 'id' | 'assignedToId'>, message: DonorMessageFields): void {
    this.events.message(query, message);
  }

  private assertTransition(transition: keyof typeof QUERY_TRANSITIONS, status: DonorQueryStatus): void {
    if (!canTransition(transition, status)) throw invalidState(`The query is ${status} and cannot be changed that way`);
  }

  private orConflict(changed: ChangedQuery | null): ChangedQuery {
    if (!changed) throw invalidState('The query was changed by someone else; reload it and try again');
    return changed;
  }

  /**
   * Runs a state change and every registered step in one transaction: the query's conditional update
   * first (its row stays locked until the commit), then the steps in the order they registered, then
   * the SYSTEM message; a step that throws rolls the whole change back. Once committed, runs what the
   * steps left (their events come first, as their rows were written first), then publishes the
   * change. A failure after the commit is logged: the change stands, so the caller gets it.
   */
  private async move(queryId: string, move: QueryMove, change: (at: Date) => StateChange): Promise<ChangedQuery> {
    const at = new Date();
    const after: AfterMove[] = [];
    const changed = this.orConflict(
      await this.db.withTransaction(() =>
        this.changeState(queryId, QUERY_TRANSITIONS[move], change(at), async () => {
          for (const step of this.moveSteps) {
            const next = await step({ queryId, move, at });
            if (next) after.push(next);
          }
        }),
      ),
    );
    for (const run of after) {
      await run(changed.query).catch((error: unknown) =>
        this.logger.error(`After ${move} of donor query ${queryId}: ${(error as Error).message}`, (error as Error).stack),
      );
    }
    this.publishedRow(changed);
    return changed;
  }

  /**
   * Inside the caller's transaction: moves the query while it is still in one of `from` (and matches
   * `change.where`), runs `alongside`, then records the SYSTEM message. Null when the query was
   * changed by another request first (nothing is written).
   */
  private async changeState(id: string, from: readonly DonorQueryStatus[], change: StateChange, alongside?: () => Promise<void>): Promise<ChangedQuery | null> {
    if (!(await this.queries.transition(id, from, change.where, change.data))) return null;
    await alongside?.();
    return this.queries.addSystemMessage(id, change.systemMessage);
  }

  private publishedRow(changed: ChangedQuery): DonorQuery {
    this.events.updated(changed.query);
    this.events.message(changed.query, changed.message);
    return changed.query;
  }

  private published(changed: ChangedQuery): DonorQueryDto {
    return toDonorQueryDto(this.publishedRow(changed));
  }

  private async nameOf(userId: string): Promise<string> {
    return (await this.users.getSummary(userId))?.name ?? 'An admin';
  }
}
