import { ApiProperty } from '@nestjs/swagger';
import { ConversationDto } from './conversation.dto.js';
import { SupportTicketDto } from './support-ticket.dto.js';

export class EscalationResultDto {
  @ApiProperty({ type: ConversationDto }) conversation: ConversationDto;
  @ApiProperty({ type: SupportTicketDto }) ticket: SupportTicketDto;
}
