import { Body, Controller, HttpStatus, Param, ParseUUIDPipe, Patch } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../../common/auth/access.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { ApiEnvelope, ApiErrors } from '../../common/swagger/api-envelope.js';
import { FeedbackDto, MessageDto } from './dto/message.dto.js';
import { MessagesService } from './messages.service.js';

@ApiTags('Conversations')
@Controller('messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Patch(':id/feedback')
  @Authenticated()
  @ApiOperation({ summary: 'Thumbs up or down on an answer of the assistant (owner; changeable)' })
  @ApiEnvelope(MessageDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  feedback(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: FeedbackDto) {
    return this.messages.feedback(user, id, dto.feedback);
  }
}
