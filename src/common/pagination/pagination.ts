import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;

export class PaginationQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @IsOptional()
  page: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  @IsOptional()
  limit: number = 20;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}

export const pageArgs = (query: PaginationQueryDto) => ({ skip: (query.page - 1) * query.limit, take: query.limit });

export function toPage<T, R = T>(items: T[], total: number, query: PaginationQueryDto, map?: (item: T) => R): Page<R> {
  return { items: map ? items.map(map) : (items as unknown as R[]), total, page: query.page, limit: query.limit };
}
