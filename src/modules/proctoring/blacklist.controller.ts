import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../common/auth/access.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { ADMIN_ROLES, STAFF_ROLES } from '../../common/auth/roles.js';
import { PaginationQueryDto } from '../../common/pagination/pagination.js';
import { ApiEnvelope, ApiErrors } from '../../common/swagger/api-envelope.js';
import { BlacklistService } from './blacklist.service.js';
import { BlacklistEntryDto, CreateBlacklistDto } from './dto/blacklist.dto.js';

@ApiTags('Proctoring: blacklist')
@Controller('proctoring/blacklist')
export class BlacklistController {
  constructor(private readonly blacklist: BlacklistService) {}

  @Post()
  @Roles(...ADMIN_ROLES)
  @ApiOperation({ summary: 'Bar a candidate from assessments' })
  @ApiEnvelope(BlacklistEntryDto, { status: HttpStatus.CREATED })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  add(@Body() dto: CreateBlacklistDto, @CurrentUser() user: AuthUser): Promise<BlacklistEntryDto> {
    return this.blacklist.add(dto, user);
  }

  @Get()
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Blacklisted candidates' })
  @ApiEnvelope(BlacklistEntryDto, { paginated: true })
  list(@Query() query: PaginationQueryDto) {
    return this.blacklist.list(query);
  }

  @Delete(':userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Roles(...ADMIN_ROLES)
  @ApiOperation({ summary: 'Lift a blacklist entry' })
  @ApiErrors(HttpStatus.NOT_FOUND)
  async remove(@Param('userId', ParseUUIDPipe) userId: string): Promise<void> {
    await this.blacklist.remove(userId);
  }
}
