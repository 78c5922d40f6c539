import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { GuestOrRoles, Roles } from '../../common/auth/access.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import type { GuestPrincipal } from '../../common/auth/guest-credentials.js';
import { ADMIN_ROLES, STAFF_ROLES } from '../../common/auth/roles.js';
import { ApiEnvelope, ApiErrorResponse, ApiErrors } from '../../common/swagger/api-envelope.js';
import { CurrentGuest, queryActor } from '../donor-queries/index.js';
import { CommunicationService } from './communication.service.js';
import { AnswerCallRequestDto, CallRequestDto, CallSessionDto, CallStatusDto, RequestCallDto, StartCallDto } from './dto/call.dto.js';

const QueryId = () => Param('queryId', new ParseUUIDPipe());

@ApiTags('communication')
@ApiServiceUnavailableResponse({ description: 'No video provider is configured (DAILY_API_KEY)', type: ApiErrorResponse })
@Controller('communication/call')
export class CommunicationController {
  constructor(private readonly calls: CommunicationService) {}

  @Post(':queryId/request')
  @GuestOrRoles('query')
  @ApiOperation({
    summary: 'The donor requests a call (donor token); staff hear `call:requested`',
    description:
      'A call lives no longer than its open query: 409 INVALID_QUERY_STATE when the query is closed, or was closed or reassigned while the call was being set up. Resolving or closing the query cancels a pending request.',
  })
  @ApiEnvelope(CallRequestDto, { status: 201 })
  @ApiErrors(400, 404, 409)
  request(@QueryId() queryId: string, @Body() body: RequestCallDto, @CurrentGuest() guest?: GuestPrincipal) {
    return this.calls.request(queryId, queryActor(undefined, guest), body.mode, body.message);
  }

  @Post(':queryId/cancel-request')
  @HttpCode(200)
  @GuestOrRoles('query')
  @ApiOperation({ summary: 'The donor cancels their pending call request' })
  @ApiEnvelope(CallRequestDto)
  @ApiErrors(400, 404, 409)
  cancel(@QueryId() queryId: string, @Body() body: AnswerCallRequestDto, @CurrentGuest() guest?: GuestPrincipal) {
    return this.calls.cancelRequest(queryId, queryActor(undefined, guest), body.callRequestId);
  }

  @Post(':queryId/accept-request')
  @HttpCode(200)
  @Roles(...ADMIN_ROLES)
  @ApiOperation({
    summary: 'Accept the pending call request: creates the room and both meeting tokens (answer carries the admin token)',
    description:
      'A call lives no longer than its open query: 409 INVALID_QUERY_STATE when the query is closed, or was closed or reassigned while the call was being set up (the room is then deleted).',
  })
  @ApiEnvelope(CallSessionDto)
  @ApiErrors(400, 403, 404, 409, 502)
  accept(@QueryId() queryId: string, @CurrentUser() user: AuthUser, @Body() body: AnswerCallRequestDto) {
    return this.calls.acceptRequest(queryId, user, body.callRequestId);
  }

  @Post(':queryId/reject-request')
  @HttpCode(200)
  @Roles(...ADMIN_ROLES)
  @ApiOperation({ summary: 'Decline the pending call request' })
  @ApiEnvelope(CallRequestDto)
  @ApiErrors(400, 403, 404, 409)
  reject(@QueryId() queryId: string, @CurrentUser() user: AuthUser, @Body() body: AnswerCallRequestDto) {
    return this.calls.rejectRequest(queryId, user, body.callRequestId);
  }

  @Get(':queryId/active')
  @GuestOrRoles('query', ...STAFF_ROLES)
  @ApiOperation({
    summary: "The query's active call with the caller's own meeting token",
    description: '404 when the query has no active call, also once it was resolved or closed (which ends its call).',
  })
  @ApiEnvelope(CallSessionDto)
  @ApiErrors(400, 404)
  active(@QueryId() queryId: string, @CurrentUser() user?: AuthUser, @CurrentGuest() guest?: GuestPrincipal) {
    return this.calls.active(queryId, queryActor(user, guest));
  }

  @Post(':queryId')
  @Roles(...ADMIN_ROLES)
  @ApiOperation({
    summary: 'Call the donor directly (the assignee or a SUPER_ADMIN)',
    description:
      'A call lives no longer than its open query: 409 INVALID_QUERY_STATE when the query is closed, or was closed or reassigned while the call was being set up (the room is then deleted). Resolving or closing the query ends the call; a transfer waits until it ended.',
  })
  @ApiEnvelope(CallSessionDto, { status: 201 })
  @ApiErrors(400, 403, 404, 409, 502)
  start(@QueryId() queryId: string, @CurrentUser() user: AuthUser, @Body() body: StartCallDto) {
    return this.calls.start(queryId, user, body.mode);
  }

  @Put(':roomName/status')
  @GuestOrRoles('query', ...ADMIN_ROLES)
  @ApiOperation({ summary: 'Move the call CREATED → STARTED → ENDED (writes CALL_STARTED / CALL_ENDED with the duration)' })
  @ApiEnvelope(CallSessionDto)
  @ApiErrors(400, 403, 404, 409)
  status(@Param('roomName') roomName: string, @Body() body: CallStatusDto, @CurrentUser() user?: AuthUser, @CurrentGuest() guest?: GuestPrincipal) {
    return this.calls.setStatus(roomName, queryActor(user, guest), body.status);
  }

  @Post(':roomName/end')
  @HttpCode(200)
  @GuestOrRoles('query', ...ADMIN_ROLES)
  @ApiOperation({ summary: 'End the call (same as status ENDED); the room is deleted' })
  @ApiEnvelope(CallSessionDto)
  @ApiErrors(403, 404, 409)
  end(@Param('roomName') roomName: string, @CurrentUser() user?: AuthUser, @CurrentGuest() guest?: GuestPrincipal) {
    return this.calls.setStatus(roomName, queryActor(user, guest), 'ENDED');
  }
}
