import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../common/auth/access.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { STAFF_ROLES } from '../../common/auth/roles.js';
import { ApiIdempotencyKey, IdempotencyKey } from '../../common/idempotency/idempotency-key.js';
import { ApiEnvelope, ApiErrors } from '../../common/swagger/api-envelope.js';
import { DirectMessagesService } from './direct-messages.service.js';
import { DirectMessageDto, DirectMessagePageDto, SendDirectMessageDto } from './dto/direct-message.dto.js';
import { MessagesMarkedReadDto, MessageHistoryQueryDto } from './dto/donor-message.dto.js';

const UserId = () => Param('userId', new ParseUUIDPipe());

@ApiTags('direct-messages')
@Controller('direct-messages')
export class DirectMessagesController {
  constructor(private readonly messages: DirectMessagesService) {}

  @Post()
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Send a direct message to another staff member (`message:direct` to both)' })
  @ApiIdempotencyKey('Same key from the same sender to the same recipient → the first message again; nothing is written, emitted or notified twice')
  @ApiEnvelope(DirectMessageDto, { status: 201 })
  @ApiErrors(400, 422)
  send(@CurrentUser() user: AuthUser, @Body() body: SendDirectMessageDto, @IdempotencyKey() idempotencyKey?: string) {
    return this.messages.send(user, body.recipientId, body.content, idempotencyKey);
  }

  @Get(':userId')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'My conversation with a staff member, cursor-paginated (?before=&limit=)' })
  @ApiEnvelope(DirectMessagePageDto)
  @ApiErrors(400, 404)
  conversation(@CurrentUser() user: AuthUser, @UserId() userId: string, @Query() page: MessageHistoryQueryDto) {
    return this.messages.conversation(user, userId, page);
  }

  @Post(':userId/read')
  @HttpCode(200)
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Mark the messages this staff member sent me read' })
  @ApiEnvelope(MessagesMarkedReadDto)
  @ApiErrors(400)
  async markRead(@CurrentUser() user: AuthUser, @UserId() userId: string): Promise<MessagesMarkedReadDto> {
    return { updated: await this.messages.markRead(user, userId) };
  }
}
