import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_CODES, type ErrorCode } from '../../../common/http/error-codes.js';
import { ERROR_CODES_DESCRIPTION } from '../../../common/swagger/api-envelope.js';
import { serverEvents } from './define.js';

export class SocketErrorDetailDto {
  @ApiProperty() field: string;
  @ApiProperty() message: string;
}

/** The error envelope, as HTTP answers it; client events get it in the acknowledgement. */
export class SocketErrorDto {
  @ApiProperty({ enum: [false] }) success: false;
  @ApiProperty({ example: 404 }) statusCode: number;
  @ApiProperty({ enum: Object.keys(ERROR_CODES), enumName: 'ErrorCode', example: 'NOT_FOUND', description: ERROR_CODES_DESCRIPTION })
  error: ErrorCode;
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
