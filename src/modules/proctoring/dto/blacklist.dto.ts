import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Length } from 'class-validator';

export class CreateBlacklistDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() userId: string;
  @ApiProperty({ example: 'Impersonation confirmed in review' }) @IsString() @Length(3, 1000) reason: string;
}

export class BlacklistEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'uuid' }) createdById: string;
  @ApiProperty() createdAt: Date;
}
