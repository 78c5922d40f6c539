import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GuestOrRoles, Public, Roles } from '../../common/auth/access.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import type { GuestPrincipal } from '../../common/auth/guest-credentials.js';
import { ADMIN_ROLES, STAFF_ROLES } from '../../common/auth/roles.js';
import { NoStore } from '../../common/http/no-store.js';
import { RateLimit } from '../../common/http/rate-limit.js';
import { ApiIdempotencyKey, IdempotencyKey } from '../../common/idempotency/idempotency-key.js';
import { PaginationQueryDto } from '../../common/pagination/pagination.js';
import { ApiEnvelope, ApiErrors } from '../../common/swagger/api-envelope.js';
import { CurrentGuest } from './current-guest.decorator.js';
import { DonorQueriesService } from './donor-queries.service.js';
import { sameSecret } from './donor-token.js';
import { DonorMessageDto, DonorMessagePageDto, MessagesMarkedReadDto, MessageHistoryQueryDto, SendDonorMessageDto } from './dto/donor-message.dto.js';
import {
  CreateDonorQueryDto,
  CreatedDonorQueryDto,
  DonorQueryDto,
  DonorQueryPublicDto,
  ListDonorQueriesQueryDto,
  ReminderSentDto,
  SendReminderDto,
  TransferDonorQueryDto,
} from './dto/donor-query.dto.js';
import { queryActor } from './query-actor.js';
import { QueryRemindersService } from './query-reminders.service.js';

const Id = () => Param('id', new ParseUUIDPipe());

const INTEGRATION_CALLER = 'donor-integration';

/**
 * Public creation is limited per IP. A request with the right integration key counts against the
 * integration's own bucket at the global limit; any other key counts against its IP like a public one.
 */
const CreateRateLimit = () =>
  RateLimit({
    windowMs: 60_000,
    per: (request, callers) =>
      sameSecret(String(request.headers['x-api-key'] ?? ''), callers.config.donorDesk.integrationApiKey) ? INTEGRATION_CALLER : callers.ip(request),
    max: (caller, callers) => (caller === INTEGRATION_CALLER ? callers.config.throttle.limit : 20),
  });

@ApiTags('donor-queries')
@Controller('donor-queries')
export class DonorQueriesController {
  constructor(
    private readonly queries: DonorQueriesService,
    private readonly reminders: QueryRemindersService,
  ) {}

  @Post()
  @Public()
  @CreateRateLimit()
  @NoStore()
  @ApiOperation({ summary: 'Create a donor query (public, or an external system with x-api-key); answers with the donor access token' })
  @ApiHeader({ name: 'x-api-key', required: false, description: 'Integration API key of an external system (DONOR_INTEGRATION_API_KEY)' })
  @ApiEnvelope(CreatedDonorQueryDto, { status: 201 })
  @ApiErrors(400, 401, 429)
  create(@Body() body: CreateDonorQueryDto, @Headers('x-api-key') apiKey?: string) {
    return this.queries.create(body, apiKey);
  }

  @Get()
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'All donor queries, newest first (?status=, ?mine=true)' })
  @ApiEnvelope(DonorQueryDto, { paginated: true })
  @ApiErrors(400)
  list(@CurrentUser() user: AuthUser, @Query() query: ListDonorQueriesQueryDto) {
    return this.queries.list(user, query);
  }

  @Get('in-progress')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'The waiting queue: open queries nobody has accepted, oldest first' })
  @ApiEnvelope(DonorQueryDto, { paginated: true })
  @ApiErrors(400)
  waiting(@Query() query: PaginationQueryDto) {
    return this.queries.listWaiting(query);
  }

  @Patch('accept-next')
  @Roles(...ADMIN_ROLES)
  @ApiOperation({ summary: 'Accept the oldest waiting query (404 when the queue is empty, 409 above the open-query cap)' })
  @ApiEnvelope(DonorQueryDto)
  @ApiErrors(404, 409)
  acceptNext(@CurrentUser() user: AuthUser) {
    return this.queries.accept(null, user);
  }

  @Get(':id')
  @GuestOrRoles('query', ...STAFF_ROLES)
  @ApiOperation({ summary: 'One donor query (its donor token, or staff; donors get the public view)' })
  @ApiEnvelope(DonorQueryDto)
  @ApiErrors(400, 404)
  get(@Id() id: string, @CurrentUser() user?: AuthUser, @CurrentGuest() guest?: GuestPrincipal): Promise<DonorQueryDto | DonorQueryPublicDto> {
    return this.queries.get(id, queryActor(user, guest));
  }

  @Patch(':id/accept')
  @Roles(...ADMIN_ROLES)
  @ApiOperation({ summary: 'Accept a waiting query (409 if someone else accepted it first, or above the open-query cap)' })
  @ApiEnvelope(DonorQueryDto)
  @ApiErrors(400, 404, 409)
  accept(@Id() id: string, @CurrentUser() user: AuthUser) {
    return this.queries.accept(id, user);
  }

  @Patch(':id/resolve')
  @Roles(...ADMIN_ROLES)
  @ApiOperation({
    summary: 'Resolve a query (its assignee or a SUPER_ADMIN)',
    description:
      "Resolving ends the query's active call in the same transaction: the session becomes ENDED, a CALL_ENDED message is written, " +
      '`call:status` reaches the donor and the admin, and the video room is deleted. A pending call request is CANCELLED (`call:request_updated`). ' +
      '409 INVALID_QUERY_STATE when the query is not open.',
  })
  @ApiEnvelope(DonorQueryDto)
  @ApiErrors(400, 403, 404, 409)
  resolve(@Id() id: string, @CurrentUser() user: AuthUser) {
    return this.queries.resolve(id, user);
  }

  @Patch(':id/transfer')
  @Roles(...ADMIN_ROLES)
  @ApiOperation({
    summary: 'Transfer a query to another active admin with a note and a handover summary',
    description:
      'The note and the handover summary are for staff: the donor sees only "<admin> transferred the query to <receiver>". ' +
      '409 CALL_IN_PROGRESS while the query has an active call: the admin on it (or a SUPER_ADMIN) ends it first, so a reassignment never cuts the donor off. ' +
      'A pending call request stays pending for the receiver, who gets a `call.requested` notification. 409 INVALID_QUERY_STATE when the query is not open.',
  })
  @ApiEnvelope(DonorQueryDto)
  @ApiErrors(400, 403, 404, 409)
  transfer(@Id() id: string, @CurrentUser() user: AuthUser, @Body() body: TransferDonorQueryDto) {
    return this.queries.transfer(id, user, body);
  }

  @Post(':id/donor-close')
  @HttpCode(200)
  @GuestOrRoles('query')
  @ApiOperation({
    summary: 'The donor closes their own query (donor token)',
    description:
      "Closing ends the query's active call in the same transaction (session ENDED, CALL_ENDED message, `call:status`, room deleted) " +
      'and cancels a pending call request, so it never expires into a missed call. 409 INVALID_QUERY_STATE when the query is not open.',
  })
  @ApiEnvelope(DonorQueryPublicDto)
  @ApiErrors(400, 404, 409)
  donorClose(@Id() id: string, @CurrentGuest() guest?: GuestPrincipal) {
    return this.queries.donorClose(id, queryActor(undefined, guest));
  }

  @Post(':id/reminders')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Remind the assignee (or, while unassigned, every active admin) of an open query' })
  @ApiEnvelope(ReminderSentDto, { status: 201 })
  @ApiErrors(400, 404, 409)
  remind(@Id() id: string, @CurrentUser() user: AuthUser, @Body() body: SendReminderDto) {
    return this.reminders.remind(id, user, body.note);
  }

  @Get(':id/messages')
  @GuestOrRoles('query', ...STAFF_ROLES)
  @ApiOperation({ summary: 'Message history, cursor-paginated (?before=<messageId>&limit=)' })
  @ApiEnvelope(DonorMessagePageDto)
  @ApiErrors(400, 404)
  messages(@Id() id: string, @Query() page: MessageHistoryQueryDto, @CurrentUser() user?: AuthUser, @CurrentGuest() guest?: GuestPrincipal) {
    return this.queries.messages(id, queryActor(user, guest), page);
  }

  @Post(':id/messages')
  @GuestOrRoles('query', ...ADMIN_ROLES)
  @ApiOperation({ summary: 'Send a message: the donor (reopens a closed query), or the assignee / a SUPER_ADMIN' })
  @ApiIdempotencyKey('Same key from the same sender on this query → the first message again; nothing is written, emitted or notified twice')
  @ApiEnvelope(DonorMessageDto, { status: 201 })
  @ApiErrors(400, 404, 409, 422)
  postMessage(
    @Id() id: string,
    @Body() body: SendDonorMessageDto,
    @IdempotencyKey() idempotencyKey?: string,
    @CurrentUser() user?: AuthUser,
    @CurrentGuest() guest?: GuestPrincipal,
  ) {
    return this.queries.postMessage(id, queryActor(user, guest), body.content, idempotencyKey);
  }

  @Post(':id/messages/read')
  @HttpCode(200)
  @GuestOrRoles('query', ...STAFF_ROLES)
  @ApiOperation({ summary: "Mark the other side's messages read" })
  @ApiEnvelope(MessagesMarkedReadDto)
  @ApiErrors(400, 404)
  async markRead(@Id() id: string, @CurrentUser() user?: AuthUser, @CurrentGuest() guest?: GuestPrincipal): Promise<MessagesMarkedReadDto> {
    return { updated: await this.queries.markRead(id, queryActor(user, guest)) };
  }
}
