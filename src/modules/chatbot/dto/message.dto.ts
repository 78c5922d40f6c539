import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsString, IsUUID, Length } from 'class-validator';
import { AnswerSource, ChatSentiment, MessageFeedback, MessageSenderType } from '../../../generated/prisma/enums.js';
import { PaginationQueryDto } from '../../../common/pagination/pagination.js';
import { Trim } from '../../../common/validation/trim.decorator.js';

export const MESSAGE_MAX_LENGTH = 4000;

export class MessageSenderDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() role: string;
}

export class MessageMetadataDto {
  @ApiPropertyOptional({ enum: ChatSentiment, nullable: true }) sentiment: ChatSentiment | null;
  @ApiPropertyOptional({ enum: AnswerSource, nullable: true }) source: AnswerSource | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) faqId: string | null;
  @ApiPropertyOptional({ nullable: true }) faqConfidence: number | null;
  @ApiPropertyOptional({ nullable: true, example: 'gpt-4o-mini' }) model: string | null;
  @ApiPropertyOptional({ nullable: true }) promptTokens: number | null;
  @ApiPropertyOptional({ nullable: true }) completionTokens: number | null;
  @ApiPropertyOptional({ nullable: true }) tokensUsed: number | null;
  @ApiPropertyOptional({ nullable: true, description: 'Cost in millionths of a US dollar' }) costMicros: number | null;
  @ApiPropertyOptional({ nullable: true, description: 'ms' }) processingTime: number | null;
  @ApiProperty({ description: 'The model suggested a human; POST /conversations/:id/escalate accepts it' }) escalationSuggested: boolean;
  @ApiPropertyOptional({ nullable: true, description: 'Why the provider answer was replaced' }) fallbackReason: string | null;
}

export class MessageDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) conversationId: string;
  @ApiPropertyOptional({ type: MessageSenderDto, nullable: true }) sender: MessageSenderDto | null;
  @ApiProperty({ enum: MessageSenderType }) senderType: MessageSenderType;
  @ApiProperty() content: string;
  @ApiProperty({ type: MessageMetadataDto }) metadata: MessageMetadataDto;
  @ApiPropertyOptional({ enum: MessageFeedback, nullable: true }) feedback: MessageFeedback | null;
  @ApiProperty() isRead: boolean;
  @ApiPropertyOptional({ nullable: true }) readAt: Date | null;
  @ApiProperty() createdAt: Date;
}

export class SendMessageResultDto {
  @ApiProperty({ type: MessageDto }) userMessage: MessageDto;
  @ApiPropertyOptional({ type: MessageDto, nullable: true, description: 'null while a human agent handles the conversation' })
  aiMessage: MessageDto | null;
}

export class SendMessageDto {
  @ApiProperty({ minLength: 1, maxLength: MESSAGE_MAX_LENGTH })
  @Trim()
  @IsString()
  @Length(1, MESSAGE_MAX_LENGTH)
  content: string;
}

export class FeedbackDto {
  @ApiProperty({ enum: MessageFeedback })
  @IsEnum(MessageFeedback)
  feedback: MessageFeedback;
}

export class ReadMessagesDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: 200 })
  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  messageIds: string[];
}

export class ReadResultDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Messages newly marked as read' }) messageIds: string[];
  @ApiProperty() readAt: Date;
}

export class MessageQueryDto extends PaginationQueryDto {}
