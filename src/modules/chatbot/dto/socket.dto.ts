import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsString, IsUUID, Length } from 'class-validator';
import { MESSAGE_MAX_LENGTH } from './message.dto.js';

/** `conversation:join|leave`, `typing:start|stop` payload. */
export class ConversationRefDto {
  @IsUUID()
  conversationId: string;
}

/** `message:new` payload: the same pipeline as POST /conversations/:id/messages. */
export class SocketMessageDto extends ConversationRefDto {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value)) @IsString() @Length(1, MESSAGE_MAX_LENGTH)
  content: string;
}

/** `message:read` payload. */
export class SocketReadDto extends ConversationRefDto {
  @IsUUID('all', { each: true }) @ArrayMinSize(1) @ArrayMaxSize(200)
  messageIds: string[];
}
