import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PaginationQueryDto } from '../../../common/pagination/pagination.js';

export class CreateProjectDto {
  @ApiProperty({ example: 'Holiday season support' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional()
  @IsString()
  @MaxLength(5000)
  @IsOptional()
  description?: string;
}

export class UpdateProjectDto {
  @ApiPropertyOptional() @IsString() @MinLength(2) @MaxLength(200) @IsOptional() name?: string;
  @ApiPropertyOptional() @IsString() @MaxLength(5000) @IsOptional() description?: string;
  @ApiPropertyOptional({ enum: ['ACTIVE', 'ARCHIVED'] }) @IsIn(['ACTIVE', 'ARCHIVED']) @IsOptional() status?: 'ACTIVE' | 'ARCHIVED';
}

export class ListProjectsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: ['ACTIVE', 'ARCHIVED'] }) @IsIn(['ACTIVE', 'ARCHIVED']) @IsOptional() status?: 'ACTIVE' | 'ARCHIVED';
}

export class ProjectResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) clientId: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ enum: ['ACTIVE', 'ARCHIVED'] }) status: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}
