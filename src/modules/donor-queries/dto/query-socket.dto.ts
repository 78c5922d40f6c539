import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class QueryRoomDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  queryId: string;
}
