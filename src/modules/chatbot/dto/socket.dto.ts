import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { createValidationPipe } from '../../../common/http/validation.pipe.js';
import { MESSAGE_MAX_LENGTH } from './message.dto.js';
import { Trim } from '../../../common/validation/trim.decorator.js';

/** `conversation:join|leave`, `typing:start|stop` payload. */
export class ConversationRefDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  conversationId: string;
}

/**
 * `message:new` payload: the same pipeline as POST /conversations/:id/messages. Socket clients
 * may send the text as `message`; `content` (as over HTTP) is accepted too.
 */
export class SocketMessageDto extends ConversationRefDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: MESSAGE_MAX_LENGTH, description: 'The text (content or message is required)' })
  @Trim()
  @IsString()
  @Length(1, MESSAGE_MAX_LENGTH)
  @IsOptional()
  content?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: MESSAGE_MAX_LENGTH, description: 'The text, as the portal’s clients send it' })
  @Trim()
  @IsString()
  @Length(1, MESSAGE_MAX_LENGTH)
  @IsOptional()
  message?: string;
}

/** `message:read` payload. */
export class SocketReadDto extends ConversationRefDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: 200 })
  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  messageIds: string[];
}

/** What join/leave handlers receive after ConversationRefPipe. */
export type ConversationRef = Pick<ConversationRefDto, 'conversationId'>;

/**
 * A client may send a bare conversation id for join/leave; `{ conversationId }` works too.
 * Handlers type the parameter as `ConversationRef` (an interface), so the global validation pipe
 * leaves the raw value to this pipe.
 */
@Injectable()
export class ConversationRefPipe implements PipeTransform {
  private readonly validation = createValidationPipe();

  transform(value: unknown, metadata: ArgumentMetadata): Promise<ConversationRef> {
    const payload = typeof value === 'string' ? { conversationId: value } : value;
    return this.validation.transform(payload, { ...metadata, metatype: ConversationRefDto }) as Promise<ConversationRef>;
  }
}
