import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { serverEvents } from './define.js';

export class SocketErrorDetailDto {
  @ApiProperty() field: string;
  @ApiProperty() message: string;
}

/** The error envelope, as HTTP answers it; client events get it in the acknowledgement. */
export class SocketErrorDto {
  @ApiProperty({ enum: [false] }) success: false;
  @ApiProperty({ example: 404 }) statusCode: number;
  @ApiProperty({ example: 'NOT_FOUND' }) error: string;
  @ApiProperty({ example: 'Conversation not found' }) message: string;
  @ApiPropertyOptional({ type: [SocketErrorDetailDto] }) details?: SocketErrorDetailDto[];
}

export const connectionServerEvents = serverEvents({
  exception: {
    summary: 'An event sent without an acknowledgement callback failed; the error envelope',
    payload: SocketErrorDto,
    to: { socket: 'The socket that sent the event' },
  },
});
